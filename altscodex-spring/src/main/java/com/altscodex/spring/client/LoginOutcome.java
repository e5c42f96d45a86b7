package com.altscodex.spring.client;

/**
 * How a login, or a code exchange, ended: the {@code outcome} of the
 * {@code altscodex.login} and {@code altscodex.code.exchange} observations. A closed
 * set, so that the metrics it tags keep a bounded number of series.
 */
public enum LoginOutcome {

	/** The user's slot info arrived. */
	SUCCESS("success"),

	/** DeOAuth refused the JWT as expired ({@code EXPIRED_TOKEN}). */
	EXPIRED("expired"),

	/**
	 * Any other failure: another authorize code, an invalid JWT, an unusable answer,
	 * an unexpected error.
	 */
	FAILED("failed"),

	/** The callback declined the login, or came without a code. */
	REJECTED("rejected"),

	/** No callback within the login's timeout. */
	TIMEOUT("timeout"),

	/** The client stopped, as the application shut down. */
	SHUTDOWN("shutdown"),

	/** The client had as many logins pending as it may: refused before anything was sent. */
	OVERLOADED("overloaded"),

	/** DeOAuth answered non-2xx, could not be reached, or did not answer in time. */
	HTTP_ERROR("http_error"),

	/** The subscriber cancelled before the login ended. */
	CANCELLED("cancelled");

	private final String value;

	LoginOutcome(String value) {
		this.value = value;
	}

	/**
	 * The key value, such as {@code success} or {@code http_error}.
	 */
	public String value() {
		return this.value;
	}

	/**
	 * The outcome of a login or code exchange that failed: its
	 * {@linkplain FailureKind#outcome() kind's}.
	 * @param error the failure
	 * @return the outcome it stands for
	 */
	public static LoginOutcome of(Throwable error) {
		return FailureKind.of(error).outcome();
	}

}
