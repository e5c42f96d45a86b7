package com.altscodex.spring.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogFormatUtils;

/**
 * The signed-in user's slot, as DeOAuth's {@code get_token} answers it.
 * <p>
 * {@code access_token}, {@code code} and {@code refresh_token} are read from DeOAuth but
 * never written when a {@code SlotInfo} is serialized (so returning it from a controller
 * cannot leak them to a browser), and {@link #toString()} masks them.
 *
 * @param id stable user identifier: the primary key for the app's user
 * @param accessToken DeOAuth access token, a secret
 * @param contentAddress on-chain wallet address
 * @param tokenNickname nickname of the slot
 * @param trCnt on-chain transfer counter
 * @param code the code that was just exchanged
 * @param refreshToken the refresh token, when DeOAuth issues one with the slot (it goes
 * with {@code code} to {@link AltsCodexClient#refreshTokens(String, String)}), a secret
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SlotInfo(
		@JsonProperty("id") @Nullable String id,
		@JsonProperty(value = "access_token", access = JsonProperty.Access.WRITE_ONLY) @Nullable String accessToken,
		@JsonProperty("content_address") @Nullable String contentAddress,
		@JsonProperty("token_nickname") @Nullable String tokenNickname,
		@JsonProperty("tr_cnt") @Nullable Long trCnt,
		@JsonProperty(value = "code", access = JsonProperty.Access.WRITE_ONLY) @Nullable String code,
		@JsonProperty(value = "refresh_token", access = JsonProperty.Access.WRITE_ONLY) @Nullable String refreshToken) {

	/**
	 * A slot without a refresh token.
	 * @param id stable user identifier
	 * @param accessToken DeOAuth access token
	 * @param contentAddress on-chain wallet address
	 * @param tokenNickname nickname of the slot
	 * @param trCnt on-chain transfer counter
	 * @param code the code that was just exchanged
	 */
	public SlotInfo(@Nullable String id, @Nullable String accessToken, @Nullable String contentAddress,
			@Nullable String tokenNickname, @Nullable Long trCnt, @Nullable String code) {
		this(id, accessToken, contentAddress, tokenNickname, trCnt, code, null);
	}

	boolean isEmpty() {
		return this.id == null && this.accessToken == null && this.contentAddress == null
				&& this.tokenNickname == null && this.trCnt == null && this.code == null && this.refreshToken == null;
	}

	/**
	 * The slot for a log line: the access token and code masked, and DeOAuth's strings
	 * quoted with line breaks and control characters replaced, so that a crafted
	 * nickname cannot forge log lines (Spring's codecs log a value this way at TRACE).
	 */
	@Override
	public String toString() {
		return "SlotInfo[id=" + upstream(this.id) + ", accessToken=" + Masking.mask(this.accessToken)
				+ ", contentAddress=" + upstream(this.contentAddress) + ", tokenNickname="
				+ upstream(this.tokenNickname) + ", trCnt=" + this.trCnt + ", code=" + Masking.mask(this.code) + ", refreshToken=" + Masking.mask(this.refreshToken) + "]";
	}

	private static @Nullable String upstream(@Nullable String value) {
		return (value != null) ? LogFormatUtils.formatValue(value, 256, true) : null;
	}

}
