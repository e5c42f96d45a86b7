package com.altscodex.spring.security.ratelimit;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Decides whether a client may make one more sign-in attempt. Implementations keep a
 * token bucket per key (a client address): in memory here, in Redis for several
 * instances.
 */
@FunctionalInterface
public interface SignInRateLimiter {

	/**
	 * Takes one attempt from a key's allowance.
	 * @param key the client's key, such as its address
	 * @return whether the attempt may go on, and if not, how long to wait
	 */
	Mono<Decision> tryAcquire(String key);

	/**
	 * Tells whether a key has an attempt left, taking none: for limits that count
	 * failures, checked before the attempt and taken from after it fails. The default
	 * answers allowed, for limiters that cannot look without taking.
	 * @param key the client's key
	 * @return whether an attempt may go on, and if not, how long to wait
	 */
	default Mono<Decision> check(String key) {
		return Mono.just(Decision.ALLOWED);
	}

	/**
	 * What a limiter decided.
	 *
	 * @param allowed whether the attempt may go on
	 * @param retryAfter when it may not: how long until the next attempt would be allowed
	 */
	record Decision(boolean allowed, Duration retryAfter) {

		/** An allowed attempt. */
		public static final Decision ALLOWED = new Decision(true, Duration.ZERO);

		/**
		 * A refused attempt.
		 * @param retryAfter how long until the next attempt would be allowed
		 * @return the decision
		 */
		public static Decision refused(Duration retryAfter) {
			return new Decision(false, retryAfter);
		}

	}

}
