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
	 * settles the login with its value or error. The outcome runs with the caller's
	 * Reactor context (and so as a child of the caller's observation), though its
	 * subscription outlives the caller's.
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

	/**
	 * Where the registry keeps pending logins, as health checks and the actuator
	 * endpoint show it: {@code memory} for {@link InMemoryPendingLoginRegistry}.
	 * Implementations should override the default, {@code custom}.
	 * @return the store mode
	 */
	default String storeMode() {
		return "custom";
	}

	/**
	 * Checks that the store can take new logins and route callbacks, for health checks:
	 * a registry backed by a remote store asks that store, within a bounded time. The
	 * default, for stores in this JVM, is always available.
	 * @return completes when the store is available, errors with the reason when it
	 * is not
	 */
	default Mono<Void> checkAvailable() {
		return Mono.empty();
	}

}
