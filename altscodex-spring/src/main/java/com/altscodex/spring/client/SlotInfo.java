package com.altscodex.spring.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The signed-in user's slot, as DeOAuth's {@code get_token} answers it.
 * <p>
 * {@code access_token} and {@code code} are read from DeOAuth but never written when
 * a {@code SlotInfo} is serialized (so returning it from a controller cannot leak them
 * to a browser), and {@link #toString()} masks them.
 *
 * @param id stable user identifier: the primary key for the app's user
 * @param accessToken DeOAuth access token, a secret
 * @param contentAddress on-chain wallet address
 * @param tokenNickname nickname of the slot
 * @param trCnt on-chain transfer counter
 * @param code the code that was just exchanged
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SlotInfo(
		@JsonProperty("id") @Nullable String id,
		@JsonProperty(value = "access_token", access = JsonProperty.Access.WRITE_ONLY) @Nullable String accessToken,
		@JsonProperty("content_address") @Nullable String contentAddress,
		@JsonProperty("token_nickname") @Nullable String tokenNickname,
		@JsonProperty("tr_cnt") @Nullable Long trCnt,
		@JsonProperty(value = "code", access = JsonProperty.Access.WRITE_ONLY) @Nullable String code) {

	boolean isEmpty() {
		return this.id == null && this.accessToken == null && this.contentAddress == null
				&& this.tokenNickname == null && this.trCnt == null && this.code == null;
	}

	@Override
	public String toString() {
		return "SlotInfo[id=" + this.id + ", accessToken=" + Masking.mask(this.accessToken) + ", contentAddress="
				+ this.contentAddress + ", tokenNickname=" + this.tokenNickname + ", trCnt=" + this.trCnt
				+ ", code=" + Masking.mask(this.code) + "]";
	}

}
