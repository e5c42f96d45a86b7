package com.altscodex.spring.client.pending;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Where a {@link PendingLoginRegistry} delivered a callback: what its state matched and,
 * when a login owns the state, the name of that login's client registration.
 *
 * @param result what the state matched
 * @param clientName the registration name of the client whose login owns the state, or
 * {@code null} when the state is unknown
 */
public record CallbackDelivery(ClaimResult result, @Nullable String clientName) {

	private static final CallbackDelivery UNKNOWN = new CallbackDelivery(ClaimResult.UNKNOWN, null);

	public CallbackDelivery {
		Assert.notNull(result, "result cannot be null");
		Assert.isTrue((result == ClaimResult.UNKNOWN) == (clientName == null),
				"A delivery names the client exactly when the state is known");
	}

	/**
	 * The delivery of a callback whose state no login owns.
	 * @return the delivery
	 */
	public static CallbackDelivery unknown() {
		return UNKNOWN;
	}

}
