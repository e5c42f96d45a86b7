package com.altscodex.spring.client;

import java.time.Duration;

/**
 * No DeOAuth callback settled the login within its timeout.
 */
public class CallbackTimeoutException extends AltsCodexException {

	private final Duration timeout;

	public CallbackTimeoutException(Duration timeout) {
		super(FailureKind.CALLBACK_TIMEOUT, "No DeOAuth callback within " + timeout.toMillis() + " ms", null);
		this.timeout = timeout;
	}

	/**
	 * The timeout that ran out.
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
