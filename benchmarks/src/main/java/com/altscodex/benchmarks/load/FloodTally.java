package com.altscodex.benchmarks.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Counts the answers of a flood by {@link FloodAnswer#kind() kind}, with the latency of
 * each kind (from the login sent and from its request written) and the
 * {@code Retry-After} and {@code Content-Type} values it came with, from any thread.
 */
final class FloodTally {

	/** What a missing header is counted as. */
	static final String NONE = "none";

	private final Map<String, Group> groups = new ConcurrentHashMap<>();

	/**
	 * Counts one answer.
	 * @param answer the answer
	 * @param fromSentNanos from the login sent to the answer
	 * @param fromWrittenNanos from the request written to the answer, negative if the
	 * request was never written
	 */
	void add(FloodAnswer answer, long fromSentNanos, long fromWrittenNanos) {
		Group group = this.groups.computeIfAbsent(answer.kind(),
				(kind) -> new Group(answer.outcome().status(), answer.problemType()));
		group.count.increment();
		group.latencies.recordValue(Math.max(1, fromSentNanos));
		if (fromWrittenNanos >= 0) {
			group.fromWritten.recordValue(Math.max(1, fromWrittenNanos));
		}
		group.retryAfter.computeIfAbsent(orNone(answer.retryAfter()), (value) -> new LongAdder()).increment();
		group.contentType.computeIfAbsent(orNone(answer.contentType()), (value) -> new LongAdder()).increment();
	}

	/**
	 * Every kind of answer seen, the most frequent first.
	 */
	List<Results.AnswerKind> kinds() {
		List<Results.AnswerKind> kinds = new ArrayList<>();
		this.groups.forEach((kind, group) -> kinds.add(new Results.AnswerKind(kind, group.status, group.problemType,
				group.count.sum(), Results.Latency.of(group.latencies), Results.Latency.of(group.fromWritten),
				asMap(group.retryAfter), asMap(group.contentType))));
		kinds.sort(Comparator.comparingLong(Results.AnswerKind::count).reversed()
			.thenComparing(Results.AnswerKind::kind));
		return kinds;
	}

	private static String orNone(@Nullable String value) {
		return (value != null) ? value : NONE;
	}

	private static Map<String, Long> asMap(Map<String, LongAdder> counts) {
		Map<String, Long> map = new TreeMap<>();
		counts.forEach((key, count) -> map.put(key, count.sum()));
		return map;
	}

	private static final class Group {

		private final int status;

		private final @Nullable String problemType;

		private final LongAdder count = new LongAdder();

		private final Histogram latencies = new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(10), 3);

		private final Histogram fromWritten = new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(10), 3);

		private final Map<String, LongAdder> retryAfter = new ConcurrentHashMap<>();

		private final Map<String, LongAdder> contentType = new ConcurrentHashMap<>();

		Group(int status, @Nullable String problemType) {
			this.status = status;
			this.problemType = problemType;
		}

	}

}
