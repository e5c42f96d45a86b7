package com.altscodex.spring.client;

import org.jspecify.annotations.Nullable;

/**
 * DeOAuth could not be reached: the connection was refused or could not be made in
 * time, or every connection of the pool is busy and the queue for one is full. Answered
 * {@code 503} ({@link FailureKind#UPSTREAM_UNAVAILABLE}).
 */
public class DeOAuthUnavailableException extends AltsCodexException {

	public DeOAuthUnavailableException(String message, @Nullable Throwable cause) {
		super(FailureKind.UPSTREAM_UNAVAILABLE, message, cause);
	}

}
