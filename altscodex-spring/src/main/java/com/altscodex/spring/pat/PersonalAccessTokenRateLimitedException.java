package com.altscodex.spring.pat;

import java.io.Serial;
import java.time.Duration;

import com.altscodex.spring.client.FailureKind;
import com.altscodex.spring.security.AltsCodexAuthenticationException;

/**
 * A request with a personal access token refused unread because its client address sent
 * too many invalid ones.
 */
public class PersonalAccessTokenRateLimitedException extends AltsCodexAuthenticationException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final Duration retryAfter;

	/**
	 * Creates the failure.
	 * @param retryAfter how long until the address may try again
	 */
	public PersonalAccessTokenRateLimitedException(Duration retryAfter) {
		super(FailureKind.TOKEN_RATE_LIMITED);
		this.retryAfter = retryAfter;
	}

	@Override
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

}
