package com.altscodex.spring.client;

import com.altscodex.spring.client.pending.PendingLoginStoreException;

/**
 * The store of pending logins that the application's instances share could not record
 * the login in time: the login failed at once, before anything was sent to DeOAuth.
 * Answered {@code 503} with {@code Retry-After}
 * ({@link FailureKind#PENDING_STORE_UNAVAILABLE}).
 */
public class PendingLoginStoreUnavailableException extends AltsCodexException {

	public PendingLoginStoreUnavailableException(PendingLoginStoreException cause) {
		super(FailureKind.PENDING_STORE_UNAVAILABLE, "The store of pending logins is unavailable: " + cause.getMessage(),
				cause);
	}

}
