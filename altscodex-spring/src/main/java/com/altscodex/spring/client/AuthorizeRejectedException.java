package com.altscodex.spring.client;

import org.jspecify.annotations.Nullable;

/**
 * The DeOAuth callback did not carry {@code success=1} (the user or the server
 * declined), or carried {@code success=1} without a code.
 */
public class AuthorizeRejectedException extends AltsCodexException {

	private final @Nullable String code;

	public AuthorizeRejectedException(String message, @Nullable String code) {
		super(FailureKind.AUTHORIZE_REJECTED, message, null);
		this.code = safeErrorCode(code);
	}

	/**
	 * The error code the callback carried with its failure, such as
	 * {@code ACCESS_DENIED}, if it carried one that looks like an error code. A
	 * callback's {@code code} parameter is a one-time authorization code when the login
	 * succeeded, so anything else is not kept.
	 */
	public @Nullable String getCode() {
		return this.code;
	}

	@Override
	public @Nullable String getErrorCode() {
		return this.code;
	}

}
