package com.altscodex.spring.client;

import org.jspecify.annotations.Nullable;

/**
 * DeOAuth answered a token refresh with {@code "success": false}.
 */
public class TokenRefreshFailedException extends AltsCodexException {

	private final @Nullable String serverMessage;

	public TokenRefreshFailedException(@Nullable String serverMessage) {
		super(FailureKind.REFRESH_FAILED,
				"DeOAuth refused the token refresh" + ((serverMessage != null) ? ": " + serverMessage : ""), null);
		this.serverMessage = serverMessage;
	}

	/**
	 * The {@code message} DeOAuth sent.
	 */
	public @Nullable String getServerMessage() {
		return this.serverMessage;
	}

}
