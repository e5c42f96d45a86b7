package com.altscodex.spring.client.pending;

import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The logins of an application waiting for their DeOAuth callback, keyed by
 * {@code state}: one registry for all of the application's clients, each entry naming
 * its client registration, so that a callback costs one look-up.
 * <p>
 * A login is registered before its {@code authorize} request is sent, because the
 * callback may arrive before the answer to {@code authorize}. The callback endpoint
 * hands every callback to {@link #deliver(AuthorizationCallback)}, which gives it,
 * exactly once, to the login that owns its state; that login exchanges the code. In
 * this JVM the hand-over is a method call; a registry shared by several instances
 * forwards the callback to the instance that owns the login.
 * <p>
 * Every client's share of the registry is bounded: a login beyond its client's limit is
 * refused before anything is sent to DeOAuth.
 */
public interface PendingLoginRegistry {

	/**
	 * Registers a login under a fresh state, unless its client has {@code limit} logins
	 * pending already.
	 * @param clientName the registration name of the login's client
	 * @param state the state, unique per login
	 * @param limit the most logins of this client that may be pending at once
	 * @return the registered login, or {@code null} when the client's limit is reached
	 * (the refusal is counted, see {@link #refusedCount(String)})
	 * @throws IllegalStateException when a login is pending under the state already
	 */
	@Nullable PendingLogin register(String clientName, String state, int limit);

	/**
	 * Registers a login that waits for its callback no longer than a timeout, unless its
	 * client has {@code limit} logins pending already. A registry shared by several
	 * instances keeps the login's record in its store a little longer than the timeout,
	 * and no longer; one in this JVM needs no timeout, and the default ignores it.
	 * @param clientName the registration name of the login's client
	 * @param state the state, unique per login
	 * @param limit the most logins of this client that may be pending at once
	 * @param timeout how long the login waits for its callback
	 * @return the registered login, or {@code null} when the client's limit is reached
	 * @throws IllegalStateException when a login is pending under the state already
	 */
	default @Nullable PendingLogin register(String clientName, String state, int limit, Duration timeout) {
		return register(clientName, state, limit);
	}

	/**
	 * Delivers a callback to the login that owns its state: the first callback for a
	 * state reaches the login, later ones change nothing, and one whose state no login
	 * owns is dropped.
	 * @param callback the callback, with its state
	 * @return where the callback went
	 */
	Mono<CallbackDelivery> deliver(AuthorizationCallback callback);

	/**
	 * The number of logins of a client currently registered with this registry.
	 * @param clientName the registration name
	 * @return the number of pending logins
	 */
	int size(String clientName);

	/**
	 * The number of logins of a client that this registry refused because the client's
	 * limit was reached, since the registry was created.
	 * @param clientName the registration name
	 * @return the number of refusals
	 */
	long refusedCount(String clientName);

	/**
	 * Fails every registered login of a client that has not received its callback yet,
	 * as when the client stops.
	 * @param clientName the registration name
	 * @param error supplies the error each login fails with
	 */
	void failAll(String clientName, Supplier<? extends Throwable> error);

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
	 * Checks that the store can take new logins and deliver callbacks, for health
	 * checks: a registry backed by a remote store asks that store, within a bounded time.
	 * The default, for stores in this JVM, is always available.
	 * @return completes when the store is available, errors with the reason when it
	 * is not
	 */
	default Mono<Void> checkAvailable() {
		return Mono.empty();
	}

}
