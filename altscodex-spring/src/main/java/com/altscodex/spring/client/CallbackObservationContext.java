package com.altscodex.spring.client;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import com.altscodex.spring.client.pending.ClaimResult;

/**
 * Context of the {@code altscodex.callback} observation: one DeOAuth callback received
 * by the callback endpoint, until it is delivered to the login that owns its state (the
 * code exchange that login then runs is observed as a child of the login).
 *
 * @see AltsCodexObservationDocumentation#CALLBACK
 */
public final class CallbackObservationContext extends Observation.Context {

	private @Nullable String clientName;

	private @Nullable ClaimResult claimResult;

	/**
	 * Records where the callback was delivered.
	 * @param clientName the registration name of the client whose login the state
	 * belongs to, or {@code null} when no login owned the state
	 * @param claimResult what the state matched
	 */
	public void setRouted(@Nullable String clientName, ClaimResult claimResult) {
		Assert.notNull(claimResult, "claimResult cannot be null");
		this.clientName = clientName;
		this.claimResult = claimResult;
	}

	/**
	 * The registration name of the client whose login the callback's state belongs to,
	 * or {@code null} when no login owned it (or before the callback is delivered).
	 */
	public @Nullable String getClientName() {
		return this.clientName;
	}

	/**
	 * What the callback's state matched, or {@code null} before it is routed.
	 */
	public @Nullable ClaimResult getClaimResult() {
		return this.claimResult;
	}

}
