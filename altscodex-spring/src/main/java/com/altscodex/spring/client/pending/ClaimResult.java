package com.altscodex.spring.client.pending;

/**
 * What a callback's state matched when a {@link PendingLoginRegistry} delivered it.
 */
public enum ClaimResult {

	/** A login was pending under the state and this callback is its own. */
	CLAIMED,

	/** An earlier callback for the state was delivered already; this one changes nothing. */
	DUPLICATE,

	/** No login is pending under the state (never was, or already ended). */
	UNKNOWN

}
