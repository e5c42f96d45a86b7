package com.altscodex.spring.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DeOAuth answered a call with a non-2xx status. Its kind is
 * {@link FailureKind#TOKEN_REFUSED} when DeOAuth answered 401 to a call made with the
 * user's own JWT, {@link FailureKind#UPSTREAM_BUSY} for a 429, else
 * {@link FailureKind#UPSTREAM_ERROR}.
 */
public class AltsCodexHttpException extends AltsCodexException {

	private final DeOAuthOperation operation;

	private final int statusCode;

	private final Map<String, Object> payload;

	public AltsCodexHttpException(DeOAuthOperation operation, int statusCode, Map<String, ?> payload) {
		super(kindOf(operation, statusCode), "DeOAuth answered " + statusCode + " to " + operation.description(),
				null);
		this.operation = operation;
		this.statusCode = statusCode;
		// JSON answers may hold nulls, which Map.copyOf refuses
		this.payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
	}

	private static FailureKind kindOf(DeOAuthOperation operation, int statusCode) {
		if (statusCode == 401 && operation.sendsUserJwt()) {
			return FailureKind.TOKEN_REFUSED;
		}
		return (statusCode == 429) ? FailureKind.UPSTREAM_BUSY : FailureKind.UPSTREAM_ERROR;
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
	 * The answer's body: its JSON object (whose values may be {@code null}), or
	 * {@code {"raw": text}} when it was not a JSON object. It is upstream content: do not
	 * relay it to browsers as is.
	 */
	public Map<String, Object> getPayload() {
		return this.payload;
	}

}
