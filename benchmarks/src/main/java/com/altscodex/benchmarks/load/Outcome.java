package com.altscodex.benchmarks.load;

import org.jspecify.annotations.Nullable;

/**
 * How one login ended, as the load generator saw it.
 *
 * @param kind the kind of outcome
 * @param status the HTTP status, {@code 0} when there was no answer
 * @param error the transport error's class, if any
 */
record Outcome(Kind kind, int status, @Nullable String error) {

	private static final String ID_FIELD = "\"id\":\"";

	enum Kind {

		/** 2xx with the slot of the JWT's user. */
		OK,

		/** 2xx with another user's slot, or none: logins crossed. */
		WRONG_USER,

		/** An answer other than 2xx. */
		REFUSED,

		/** No answer: the connection failed. */
		TRANSPORT_ERROR,

		/** No answer within the generous timeout. */
		LOST

	}

	static Outcome of(int status, String body, String expectedUser) {
		if (status < 200 || status > 299) {
			return new Outcome(Kind.REFUSED, status, null);
		}
		return expectedUser.equals(slotId(body)) ? new Outcome(Kind.OK, status, null)
				: new Outcome(Kind.WRONG_USER, status, null);
	}

	/**
	 * An answer that must carry the one body expected, such as the trivial endpoint's:
	 * OK when it does with a 2xx status, refused with another status.
	 */
	static Outcome expecting(int status, boolean asExpected) {
		if (status < 200 || status > 299) {
			return new Outcome(Kind.REFUSED, status, null);
		}
		return asExpected ? new Outcome(Kind.OK, status, null) : new Outcome(Kind.WRONG_USER, status, null);
	}

	static Outcome transport(Throwable ex) {
		return new Outcome(Kind.TRANSPORT_ERROR, 0, ex.getClass().getName());
	}

	static Outcome lost() {
		return new Outcome(Kind.LOST, 0, null);
	}

	static @Nullable String slotId(String body) {
		int start = body.indexOf(ID_FIELD);
		if (start < 0) {
			return null;
		}
		start += ID_FIELD.length();
		int end = body.indexOf('"', start);
		return (end < 0) ? null : body.substring(start, end);
	}

}
