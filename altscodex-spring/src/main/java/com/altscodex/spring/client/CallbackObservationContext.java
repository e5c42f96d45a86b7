package com.altscodex.spring.client;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import com.altscodex.spring.client.pending.ClaimResult;

/**
 * Context of the {@code altscodex.callback} observation: one DeOAuth callback handed to
 * the clients that share its path, until it is routed (the code exchange it starts is
 * observed on its own, as a child).
 *
 * @see AltsCodexObservationDocumentation#CALLBACK
 */
public final class CallbackObservationContext extends Observation.Context {

	private @Nullable ClientRegistration registration;

	private @Nullable ClaimResult claimResult;

	/**
	 * Records where the callback was routed.
	 * @param registration the registration of the client whose login the state belongs
	 * to, or {@code null} when no client knew the state
	 * @param claimResult what the state matched
	 */
	public void setRouted(@Nullable ClientRegistration registration, ClaimResult claimResult) {
		Assert.notNull(claimResult, "claimResult cannot be null");
		this.registration = registration;
		this.claimResult = claimResult;
	}

	/**
	 * The registration of the client whose login the callback's state belongs to, or
	 * {@code null} when no client knew it (or before the callback is routed).
	 */
	public @Nullable ClientRegistration getRegistration() {
		return this.registration;
	}

	/**
	 * What the callback's state matched, or {@code null} before it is routed.
	 */
	public @Nullable ClaimResult getClaimResult() {
		return this.claimResult;
	}

}
