package com.altscodex.benchmarks.load;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * What the load generator reports, as JSON on its last output line
 * ({@code RESULT {...}}).
 */
public final class Results {

	private Results() {
	}

	/**
	 * A closed-loop run: {@code users} users each sending a login and waiting for its
	 * answer, over and over; only logins that ended inside the measured window count.
	 */
	public record ClosedLoop(String target, int users, double warmupSeconds, double windowSeconds, long logins,
			double loginsPerSecond, Latency latency, Errors errors, long warmupLogins) {
	}

	/**
	 * Logins fired at once, each on a new connection.
	 */
	public record Burst(String target, int logins, long answeredOk, double totalSeconds, Latency latency,
			Errors errors) {
	}

	/**
	 * Logins fired at once, each on a new connection, against an app whose DeOAuth holds
	 * {@code authorize}: every answer counted by kind.
	 *
	 * @param firstWave how many logins were fired first, the rest once the app reported
	 * them pending; {@code null} when every login was fired at once (and in results
	 * written before the flood had waves)
	 * @param connectionsOpenedBefore connections opened (and left idle) before the first
	 * login was sent, one per login; {@code null} when each login opened its own (and in
	 * results written before)
	 * @param connectionsOpenedDuring connections the pool opened after the first login
	 * was sent, beyond those opened before; {@code null} as above
	 * @param beyondClient what sent the logins after the first wave:
	 * {@value #ON_SOCKETS} or {@value #ON_REACTOR_NETTY}; {@code null} in results written
	 * before it was recorded (the Reactor Netty client then)
	 * @param totalSeconds from the first login sent to the last answer
	 * @param answers every kind of answer, the most frequent first
	 */
	public record Flood(String target, int logins, @Nullable Integer firstWave,
			@Nullable Integer connectionsOpenedBefore, @Nullable Integer connectionsOpenedDuring,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String beyondClient, double totalSeconds,
			List<AnswerKind> answers) {

		/** The logins beyond the first wave went out on plain sockets ({@code SocketWave}). */
		public static final String ON_SOCKETS = "socket";

		/** Every login went out on the Reactor Netty client. */
		public static final String ON_REACTOR_NETTY = "reactor-netty";

		/**
		 * Whether the logins after the first wave went out on plain sockets.
		 */
		public boolean beyondOnSockets() {
			return ON_SOCKETS.equals(this.beyondClient);
		}

		/**
		 * The answers of one kind, if any came.
		 */
		public @Nullable AnswerKind answer(String kind) {
			return this.answers.stream().filter((answer) -> answer.kind().equals(kind)).findFirst().orElse(null);
		}

		/**
		 * How many logins got no answer: transport errors and logins lost.
		 */
		public long unanswered() {
			return this.answers.stream()
				.filter((answer) -> answer.kind().equals("lost") || answer.kind().startsWith("transport "))
				.mapToLong(AnswerKind::count)
				.sum();
		}

	}

	/**
	 * A flood from one client address against the starter's security chain, and users
	 * signing in from another address meanwhile.
	 *
	 * @param floodLogins the logins of the flood, sent at once
	 * @param floodSource the flood's client address
	 * @param users the users signing in meanwhile
	 * @param usersSource their client address
	 * @param floodWrittenMs from the flood's start to its last request written
	 * @param usersSentAfterMs from the flood's start to the users' logins sent, as soon as
	 * the flood had begun
	 * @param floodAnsweredWhenUsersSent how many of the flood's logins had their answer
	 * read when the users' logins were sent
	 * @param totalSeconds from the flood's start to the last answer
	 * @param flood the flood's answers by kind; latencies from the flood's start and from
	 * each request written
	 * @param usersAnswers the users' answers by kind; latencies from each login sent and
	 * from its request written
	 */
	public record IpFlood(String target, int floodLogins, String floodSource, int users, String usersSource,
			double floodWrittenMs, double usersSentAfterMs, int floodAnsweredWhenUsersSent, double totalSeconds,
			List<AnswerKind> flood,
			List<AnswerKind> usersAnswers) {

		/**
		 * The flood's answers of the given kinds, summed, e.g. the refusals.
		 */
		public long floodCount(java.util.function.Predicate<AnswerKind> kinds) {
			return this.flood.stream().filter(kinds).mapToLong(AnswerKind::count).sum();
		}

	}

	/**
	 * The answers of one kind in a flood.
	 *
	 * @param kind {@code ok}, {@code wrong user}, the status and the last segment of the
	 * problem type (e.g. {@code 503 sign-in-busy}), {@code transport <exception>} or
	 * {@code lost}
	 * @param status the HTTP status, {@code 0} without an answer
	 * @param problemType the {@code type} of the problem-details body, if any
	 * @param count how many answers
	 * @param latency from each login sent (subscribed by the flood, before its connection
	 * is opened) to its answer
	 * @param latencyFromWritten from each login's request written on the wire to its
	 * answer, for the answers whose request was written; {@code null} in results written
	 * before it was measured
	 * @param retryAfter the {@code Retry-After} values of the answers, with counts
	 * ({@code none}: absent)
	 * @param contentType the {@code Content-Type} values of the answers, with counts
	 */
	public record AnswerKind(String kind, int status, @Nullable String problemType, long count, Latency latency,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Latency latencyFromWritten,
			Map<String, Long> retryAfter, Map<String, Long> contentType) {
	}

	/**
	 * Latency percentiles, in milliseconds.
	 */
	public record Latency(long count, double p50, double p90, double p99, double p999, double max, double mean) {

		/**
		 * The percentiles of a histogram of nanoseconds.
		 */
		public static Latency of(Histogram histogram) {
			if (histogram.getTotalCount() == 0) {
				return new Latency(0, 0, 0, 0, 0, 0, 0);
			}
			return new Latency(histogram.getTotalCount(), ms(histogram.getValueAtPercentile(50)),
					ms(histogram.getValueAtPercentile(90)), ms(histogram.getValueAtPercentile(99)),
					ms(histogram.getValueAtPercentile(99.9)), ms(histogram.getMaxValue()), histogram.getMean() / 1e6);
		}

		private static double ms(long nanos) {
			return nanos / 1e6;
		}

	}

	/**
	 * Every login that did not end well, by kind.
	 */
	public record Errors(long refused, Map<String, Long> refusedByStatus, long transportErrors,
			Map<String, Long> transportErrorsByType, long wrongUser, long lost) {

		public long total() {
			return this.refused + this.transportErrors + this.wrongUser + this.lost;
		}

	}

}
