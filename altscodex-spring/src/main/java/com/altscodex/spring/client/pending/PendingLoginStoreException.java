package com.altscodex.spring.client.pending;

/**
 * The store of a {@link PendingLoginRegistry} shared by several instances could not
 * record a login or deliver a callback in time, as when the store cannot be reached.
 * Its message names what failed, never a state or a code.
 */
public class PendingLoginStoreException extends RuntimeException {

	public PendingLoginStoreException(String message, Throwable cause) {
		super(message, cause);
	}

}
