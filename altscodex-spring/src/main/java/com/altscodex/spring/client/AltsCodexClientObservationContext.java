package com.altscodex.spring.client;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What the client's observations know about a call: the client's registration and,
 * once the call has ended, its outcome.
 *
 * @see LoginObservationContext
 * @see CodeExchangeObservationContext
 */
public abstract sealed class AltsCodexClientObservationContext extends Observation.Context
		permits LoginObservationContext, CodeExchangeObservationContext {

	private static final AtomicReferenceFieldUpdater<AltsCodexClientObservationContext, LoginOutcome> OUTCOME =
			AtomicReferenceFieldUpdater.newUpdater(AltsCodexClientObservationContext.class, LoginOutcome.class,
					"outcome");

	private final ClientRegistration registration;

	private volatile @Nullable LoginOutcome outcome;

	/**
	 * Creates a context for a call of the client of a registration.
	 * @param registration the client's registration
	 */
	AltsCodexClientObservationContext(ClientRegistration registration) {
		Assert.notNull(registration, "registration cannot be null");
		this.registration = registration;
	}

	/**
	 * The registration of the client making the call. Its secret has no accessor.
	 */
	public ClientRegistration getRegistration() {
		return this.registration;
	}

	/**
	 * How the call ended, or {@code null} while it runs.
	 */
	public @Nullable LoginOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Records how the call ended, unless it has ended already: an error and a
	 * cancellation may race, and only the first ends the observation.
	 * @param outcome the outcome
	 * @return whether this outcome is the call's
	 */
	boolean end(LoginOutcome outcome) {
		return OUTCOME.compareAndSet(this, null, outcome);
	}

}
