package com.altscodex.spring.client;

import org.jspecify.annotations.Nullable;

/**
 * The DeOAuth callback did not carry {@code success=1} (the user or the server
 * declined), or carried {@code success=1} without a code.
 */
public class AuthorizeRejectedException extends AltsCodexException {

	private final @Nullable String code;

	public AuthorizeRejectedException(String message, @Nullable String code) {
		super(message);
		this.code = code;
	}

	/**
	 * The code the callback carried with its failure, if any.
	 */
	public @Nullable String getCode() {
		return this.code;
	}

}
