package com.altscodex.spring.autoconfigure.rbac;

import org.springframework.util.Assert;

import com.altscodex.spring.security.ratelimit.SignInRateLimiter;

/**
 * The limiter of invalid personal access tokens per client address, as a bean of a type
 * of its own, so that it never stands in for the sign-in limiter, nor that one for it.
 * Without such a bean, each instance limits in memory
 * ({@code altscodex.pat.failure-rate-limit.*}).
 *
 * @param limiter decides whether an address may try one more token
 */
public record PersonalAccessTokenFailureLimiter(SignInRateLimiter limiter) implements AutoCloseable {

	public PersonalAccessTokenFailureLimiter {
		Assert.notNull(limiter, "limiter cannot be null");
	}

	/**
	 * Closes the limiter when it holds resources, such as a connection to Redis.
	 */
	@Override
	public void close() {
		if (this.limiter instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not close " + this.limiter, ex);
			}
		}
	}

}
