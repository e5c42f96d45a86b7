package com.altscodex.benchmarks.suite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.altscodex.benchmarks.suite.SuiteResults.ClassDelta;

/**
 * A class histogram of live objects ({@code jcmd <pid> GC.class_histogram}, which
 * collects first), and the difference of two per pending login.
 */
final class HeapHistogram {

	private final Map<String, long[]> byClass;

	private HeapHistogram(Map<String, long[]> byClass) {
		this.byClass = byClass;
	}

	static HeapHistogram parse(String jcmdOutput) {
		Map<String, long[]> byClass = new HashMap<>();
		for (String line : jcmdOutput.split("\n")) {
			String[] fields = line.trim().split("\\s+");
			// "   1:   123456   7890123  [B (java.base@17.0.15)"
			if (fields.length >= 4 && fields[0].endsWith(":") && fields[0].length() > 1
					&& Character.isDigit(fields[0].charAt(0))) {
				try {
					long instances = Long.parseLong(fields[1]);
					long bytes = Long.parseLong(fields[2]);
					byClass.merge(fields[3], new long[] { instances, bytes },
							(a, b) -> new long[] { a[0] + b[0], a[1] + b[1] });
				}
				catch (NumberFormatException ex) {
					// a header or the total line
				}
			}
		}
		return new HeapHistogram(byClass);
	}

	boolean isEmpty() {
		return this.byClass.isEmpty();
	}

	/**
	 * The classes whose live bytes grew most from {@code before} to this histogram, per
	 * login.
	 */
	List<ClassDelta> growthSince(HeapHistogram before, int logins, int limit) {
		List<ClassDelta> deltas = new ArrayList<>();
		this.byClass.forEach((name, now) -> {
			long[] then = before.byClass.getOrDefault(name, new long[2]);
			long bytes = now[1] - then[1];
			if (bytes > 0) {
				deltas.add(new ClassDelta(name, (double) bytes / logins, (double) (now[0] - then[0]) / logins));
			}
		});
		deltas.sort((a, b) -> Double.compare(b.bytesPerLogin(), a.bytesPerLogin()));
		return List.copyOf(deltas.subList(0, Math.min(limit, deltas.size())));
	}

}
