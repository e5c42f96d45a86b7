package com.altscodex.spring.client.pending;

/**
 * What a callback found when it claimed its state.
 */
public enum ClaimResult {

	/** The state was pending and this callback settles it. */
	CLAIMED,

	/** Another callback already claimed the state. */
	DUPLICATE,

	/** No login is pending under the state (never was, or already ended). */
	UNKNOWN

}
