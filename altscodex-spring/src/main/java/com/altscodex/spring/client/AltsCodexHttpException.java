package com.altscodex.spring.client;

import java.util.Map;

/**
 * DeOAuth answered a call with a non-2xx status.
 */
public class AltsCodexHttpException extends AltsCodexException {

	private final DeOAuthOperation operation;

	private final int statusCode;

	private final Map<String, Object> payload;

	public AltsCodexHttpException(DeOAuthOperation operation, int statusCode, Map<String, Object> payload) {
		super("DeOAuth answered " + statusCode + " to " + operation.description());
		this.operation = operation;
		this.statusCode = statusCode;
		this.payload = Map.copyOf(payload);
	}

	/**
	 * The call that failed.
	 */
	public DeOAuthOperation getOperation() {
		return this.operation;
	}

	/**
	 * The HTTP status DeOAuth answered.
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * The answer's body: its JSON object, or {@code {"raw": text}} when it was not a
	 * JSON object. It is upstream content: do not relay it to browsers as is.
	 */
	public Map<String, Object> getPayload() {
		return this.payload;
	}

}
