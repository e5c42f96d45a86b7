package com.altscodex.spring.client.pending;

import reactor.core.publisher.Mono;

/**
 * A login registered in a {@link PendingLoginRegistry}, waiting for the DeOAuth callback
 * that carries its state. The login owns the rest: it sends {@code authorize}, and once
 * its callback is delivered it exchanges the code itself.
 */
public interface PendingLogin {

	/**
	 * The state the login is registered under.
	 */
	String state();

	/**
	 * The registration name of the client the login belongs to.
	 */
	String clientName();

	/**
	 * Completes once a callback for the state, wherever it lands, can reach this login:
	 * at once for a registry in this JVM, once the state is recorded for a registry
	 * shared by several instances. The login sends nothing to DeOAuth before.
	 * @return completes when the login can receive its callback; errors with
	 * {@link PendingLoginStoreException} when the store cannot record it
	 */
	Mono<Void> ready();

	/**
	 * The callback delivered to this login: at most one, replayed to a subscriber that
	 * comes later. Errors when the registry fails the login before its callback came
	 * (as when the application shuts down); completes empty when the login was released
	 * without one.
	 * @return the login's callback
	 */
	Mono<AuthorizationCallback> callback();

	/**
	 * Removes the login from its registry. Safe to call more than once; every end of a
	 * login (value, error, timeout, cancellation) calls it.
	 */
	void release();

}
