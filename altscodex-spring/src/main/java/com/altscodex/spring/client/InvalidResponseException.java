package com.altscodex.spring.client;

/**
 * DeOAuth answered with a 2xx status but a body the client cannot use: not JSON,
 * too large, or without the expected content (for example no slot info).
 */
public class InvalidResponseException extends AltsCodexException {

	private final DeOAuthOperation operation;

	public InvalidResponseException(DeOAuthOperation operation, String reason) {
		super(FailureKind.INVALID_RESPONSE, "Unusable DeOAuth answer to " + operation.description() + ": " + reason,
				null);
		this.operation = operation;
	}

	/**
	 * The call whose answer was unusable.
	 */
	public DeOAuthOperation getOperation() {
		return this.operation;
	}

}
