package com.altscodex.spring.client;

/**
 * DeOAuth did not answer a request within the response timeout
 * ({@code altscodex.http.response-timeout}). Answered {@code 504}
 * ({@link FailureKind#UPSTREAM_TIMEOUT}).
 */
public class DeOAuthTimeoutException extends AltsCodexException {

	public DeOAuthTimeoutException(String message) {
		super(FailureKind.UPSTREAM_TIMEOUT, message, null);
	}

}
