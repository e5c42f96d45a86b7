package com.altscodex.benchmarks.load;

import java.util.Map;

import org.HdrHistogram.Histogram;

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
	 * Latency percentiles of successful logins, in milliseconds.
	 */
	public record Latency(long count, double p50, double p90, double p99, double p999, double max, double mean) {

		static Latency of(Histogram histogram) {
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
