package com.altscodex.benchmarks.load;

import reactor.netty.http.client.HttpClient;
import reactor.util.context.Context;

/**
 * When one login of a flood was sent, when its request was written on the wire and when
 * its answer was read, on {@link System#nanoTime()}. A client made by
 * {@link #recordWritten(HttpClient)} stamps the request written from the subscriber's
 * context, where {@link #into(Context)} puts the login's own times, so that a timestamp
 * always belongs to the request it was taken for, whatever connection carried it.
 */
final class LoginTimes {

	private static final Class<LoginTimes> KEY = LoginTimes.class;

	private final long sent;

	/** Set on the client's event loop; {@code 0} until the request is written. */
	private volatile long written;

	/** Set when the answer's body has been read; {@code 0} until then. */
	private volatile long answered;

	LoginTimes(long sent) {
		this.sent = sent;
	}

	/**
	 * A login sent now.
	 */
	static LoginTimes sentNow() {
		return new LoginTimes(System.nanoTime());
	}

	/**
	 * The client, stamping every request it writes whose subscriber's context carries
	 * {@link LoginTimes} ({@code doAfterRequest}: once the whole request, headers and
	 * body, has been written to the connection).
	 */
	static HttpClient recordWritten(HttpClient client) {
		return client.doAfterRequest((request, connection) -> {
			LoginTimes times = request.currentContextView().getOrDefault(KEY, null);
			if (times != null) {
				times.written(System.nanoTime());
			}
		});
	}

	Context into(Context context) {
		return context.put(KEY, this);
	}

	void written(long nanos) {
		if (this.written == 0) {
			this.written = nanos;
		}
	}

	void answered(long nanos) {
		if (this.answered == 0) {
			this.answered = nanos;
		}
	}

	/**
	 * When the answer was read, or {@code otherwise} (no answer, e.g. a login given up).
	 */
	long answeredOr(long otherwise) {
		long at = this.answered;
		return (at != 0) ? at : otherwise;
	}

	/**
	 * Nanoseconds from the login sent to {@code end}.
	 */
	long fromSent(long end) {
		return end - this.sent;
	}

	/**
	 * Nanoseconds from the request written to {@code end}, {@code -1} if it was never
	 * written (e.g. the connection could not be opened).
	 */
	long fromWritten(long end) {
		long at = this.written;
		return (at != 0) ? end - at : -1;
	}

}
