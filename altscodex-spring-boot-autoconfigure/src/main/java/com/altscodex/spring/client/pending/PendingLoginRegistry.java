package com.altscodex.spring.client.pending;

import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * Logins waiting for their DeOAuth callback, keyed by {@code state}.
 * <p>
 * A login is registered before its {@code authorize} request is sent, because the
 * callback may arrive before the answer to {@code authorize}. The first callback for a
 * state claims it and settles the login with its outcome; later callbacks for the same
 * state change nothing.
 *
 * @param <T> the value a login settles with
 */
public interface PendingLoginRegistry<T> {

	/**
	 * Registers a login under a fresh state.
	 * @param state the state, unique per login
	 * @return the registered login, emitted once a callback can find it
	 */
	Mono<PendingLogin<T>> register(String state);

	/**
	 * Routes a callback to the login registered under its state. The first claim runs
	 * {@code outcome} (for example the code exchange) independently of the caller and
	 * settles the login with its value or error.
	 * @param state the callback's state
	 * @param outcome what settles the login, subscribed at most once
	 * @return whether the state was claimed, already claimed, or unknown
	 */
	Mono<ClaimResult> claim(String state, Supplier<Mono<T>> outcome);

	/**
	 * The number of logins currently registered.
	 */
	int size();

	/**
	 * Fails every registered login, as when the application shuts down.
	 * @param error supplies the error each login fails with
	 */
	void failAll(Supplier<? extends Throwable> error);

}
