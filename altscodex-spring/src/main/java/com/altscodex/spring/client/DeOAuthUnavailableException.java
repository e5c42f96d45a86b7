package com.altscodex.spring.client;

import org.jspecify.annotations.Nullable;

/**
 * DeOAuth could not be reached, or did not answer in time. Callers see an
 * {@link AltsCodexException}; the type tells the observations apart from other
 * failures.
 */
final class DeOAuthUnavailableException extends AltsCodexException {

	DeOAuthUnavailableException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
