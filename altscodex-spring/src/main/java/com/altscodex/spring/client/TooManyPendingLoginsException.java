package com.altscodex.spring.client;

/**
 * The client has as many logins waiting for their DeOAuth callback as its registration
 * allows ({@code altscodex.max-pending-logins}): the login was refused at once, before
 * anything was sent to DeOAuth. Answered {@code 503} with {@code Retry-After}
 * ({@link FailureKind#TOO_MANY_PENDING_LOGINS}).
 */
public class TooManyPendingLoginsException extends AltsCodexException {

	private final int limit;

	public TooManyPendingLoginsException(String clientName, int limit) {
		super(FailureKind.TOO_MANY_PENDING_LOGINS,
				"AltsCodex client '" + clientName + "' has " + limit + " logins pending already", null);
		this.limit = limit;
	}

	/**
	 * The most logins the client may have pending at once.
	 */
	public int getLimit() {
		return this.limit;
	}

}
