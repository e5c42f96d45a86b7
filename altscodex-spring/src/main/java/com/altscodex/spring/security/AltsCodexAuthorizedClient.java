package com.altscodex.spring.security;

import java.io.Serial;
import java.io.Serializable;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import com.altscodex.spring.client.SlotInfo;
import com.altscodex.spring.client.TokenSet;

/**
 * What the server keeps of a user's sign-in with DeOAuth, like Spring Security's
 * {@code OAuth2AuthorizedClient}: the access token and what refreshing it and signing out
 * of DeOAuth take. It never leaves the server: it is kept by a
 * {@link ServerAltsCodexAuthorizedClientRepository}, apart from the user, and its
 * {@link #toString()} masks every token.
 *
 * @param clientName the name of the client registration the user signed in with
 * @param principalName the user's slot id
 * @param accessToken the DeOAuth access token
 * @param refreshToken the refresh token, when DeOAuth issued one
 * @param code the code that goes with the refresh token
 * @param jwt the browser JWT of the sign-in, when it was a JWT sign-in: DeOAuth's logout
 * takes it
 */
public record AltsCodexAuthorizedClient(String clientName, String principalName, @Nullable String accessToken,
		@Nullable String refreshToken, @Nullable String code, @Nullable String jwt) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private static final String MASK = "******";

	public AltsCodexAuthorizedClient {
		Assert.hasText(clientName, "clientName cannot be empty");
		Assert.hasText(principalName, "principalName cannot be empty");
	}

	/**
	 * What a sign-in leaves on the server.
	 * @param clientName the name of the client registration
	 * @param slot the slot DeOAuth answered
	 * @param jwt the browser JWT, or {@code null} for a redirect sign-in
	 * @return the authorized client
	 */
	public static AltsCodexAuthorizedClient of(String clientName, SlotInfo slot, @Nullable String jwt) {
		Assert.hasText(slot.id(), "slot id cannot be empty");
		return new AltsCodexAuthorizedClient(clientName, slot.id(), slot.accessToken(), slot.refreshToken(),
				slot.code(), jwt);
	}

	/**
	 * The same client with refreshed tokens.
	 * @param tokens what the refresh answered
	 * @return the refreshed client
	 */
	public AltsCodexAuthorizedClient withTokens(TokenSet tokens) {
		return new AltsCodexAuthorizedClient(this.clientName, this.principalName, tokens.accessToken(),
				tokens.refreshToken(), (tokens.code() != null) ? tokens.code() : this.code, this.jwt);
	}

	@Override
	public String toString() {
		return "AltsCodexAuthorizedClient[clientName=" + this.clientName + ", principalName=" + this.principalName
				+ ", accessToken=" + mask(this.accessToken) + ", refreshToken=" + mask(this.refreshToken) + ", code="
				+ mask(this.code) + ", jwt=" + mask(this.jwt) + "]";
	}

	private static @Nullable String mask(@Nullable String secret) {
		return (secret != null) ? MASK : null;
	}

}
