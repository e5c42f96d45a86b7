package com.altscodex.spring.client.pending;

import reactor.core.publisher.Mono;

/**
 * A login registered in a {@link PendingLoginRegistry}.
 *
 * @param <T> the value the login settles with
 */
public interface PendingLogin<T> {

	/**
	 * The state the login is registered under.
	 */
	String state();

	/**
	 * The login's outcome: replays the value or error it settled with to any
	 * subscriber, whenever it subscribes.
	 */
	Mono<T> result();

	/**
	 * Removes the login from its registry and cancels an outcome still running. Safe to
	 * call more than once; every end of a login (value, error, timeout, cancellation)
	 * calls it.
	 */
	void release();

}
