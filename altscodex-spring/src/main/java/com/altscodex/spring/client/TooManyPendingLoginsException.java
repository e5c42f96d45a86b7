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
		// a flood raises it once per login beyond the bound, always in the same place: its
		// stack tells nothing, and filling in the deep reactive stack is work for each refusal
		super(FailureKind.TOO_MANY_PENDING_LOGINS,
				"AltsCodex client '" + clientName + "' has " + limit + " logins pending already", null, false);
		this.limit = limit;
	}

	/**
	 * The most logins the client may have pending at once.
	 */
	public int getLimit() {
		return this.limit;
	}

}
