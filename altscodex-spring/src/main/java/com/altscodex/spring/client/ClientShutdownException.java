package com.altscodex.spring.client;

/**
 * The client was stopped (the application is shutting down) while the login was
 * pending, or before it started.
 */
public class ClientShutdownException extends AltsCodexException {

	public ClientShutdownException(String clientName) {
		super(FailureKind.SHUTDOWN, "AltsCodex client '" + clientName + "' is shut down", null);
	}

}
