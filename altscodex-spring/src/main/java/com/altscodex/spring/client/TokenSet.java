package com.altscodex.spring.client;

import org.jspecify.annotations.Nullable;

/**
 * The tokens a successful refresh answers with. {@link #toString()} masks them.
 *
 * @param accessToken the new DeOAuth access token
 * @param refreshToken the refresh token to use next time
 * @param code the code DeOAuth returned with them
 */
public record TokenSet(@Nullable String accessToken, @Nullable String refreshToken, @Nullable String code) {

	@Override
	public String toString() {
		return "TokenSet[accessToken=" + Masking.mask(this.accessToken) + ", refreshToken="
				+ Masking.mask(this.refreshToken) + ", code=" + Masking.mask(this.code) + "]";
	}

}
