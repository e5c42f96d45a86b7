package com.altscodex.benchmarks.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Counts outcomes and records the latencies of successful logins, from any thread.
 */
final class Tally {

	private final LongAdder ok = new LongAdder();

	private final LongAdder wrongUser = new LongAdder();

	private final LongAdder lost = new LongAdder();

	private final Map<Integer, LongAdder> refused = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> transportErrors = new ConcurrentHashMap<>();

	private final Histogram latencies = new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(5), 3);

	void add(Outcome outcome, long latencyNanos) {
		switch (outcome.kind()) {
			case OK -> {
				this.ok.increment();
				this.latencies.recordValue(Math.max(1, latencyNanos));
			}
			case WRONG_USER -> this.wrongUser.increment();
			case REFUSED -> this.refused.computeIfAbsent(outcome.status(), (status) -> new LongAdder()).increment();
			case TRANSPORT_ERROR -> this.transportErrors
				.computeIfAbsent(String.valueOf(outcome.error()), (error) -> new LongAdder())
				.increment();
			case LOST -> this.lost.increment();
		}
	}

	long ok() {
		return this.ok.sum();
	}

	long errors() {
		return this.wrongUser.sum() + this.lost.sum() + sum(this.refused) + sum(this.transportErrors);
	}

	Results.Errors errorsSummary() {
		return new Results.Errors(sum(this.refused), asMap(this.refused), sum(this.transportErrors),
				asMap(this.transportErrors), this.wrongUser.sum(), this.lost.sum());
	}

	Results.Latency latency() {
		return Results.Latency.of(this.latencies);
	}

	private static long sum(Map<?, LongAdder> counts) {
		return counts.values().stream().mapToLong(LongAdder::sum).sum();
	}

	private static Map<String, Long> asMap(Map<?, LongAdder> counts) {
		Map<String, Long> map = new TreeMap<>();
		counts.forEach((key, count) -> map.put(String.valueOf(key), count.sum()));
		return map;
	}

}
