package com.altscodex.benchmarks.suite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import com.altscodex.benchmarks.suite.SuiteResults.Share;

/**
 * Aggregates a JFR recording of the app under load: execution samples by component and
 * by method (self time), the starter's own code inclusive of what it calls, allocation
 * by site, and garbage collections.
 */
final class JfrSummary {

	static final String STARTER = "AltsCodex starter";

	private static final int TOP = 15;

	long executionSamples;

	long starterSamples;

	long allocatedBytes;

	long gcCount;

	double gcPauseMs;

	final Map<String, Long> byComponent = new HashMap<>();

	final Map<String, Long> selfByMethod = new HashMap<>();

	final Map<String, Long> starterInclusive = new HashMap<>();

	final Map<String, Long> allocationBySite = new HashMap<>();

	static JfrSummary of(Path recording) throws IOException {
		JfrSummary summary = new JfrSummary();
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				summary.add(file.readEvent());
			}
		}
		return summary;
	}

	private void add(RecordedEvent event) {
		switch (event.getEventType().getName()) {
			case "jdk.ExecutionSample" -> addExecutionSample(event.getStackTrace());
			case "jdk.ObjectAllocationSample" -> addAllocation(event.getStackTrace(), event.getLong("weight"));
			case "jdk.GarbageCollection" -> {
				this.gcCount++;
				this.gcPauseMs += event.getDuration("sumOfPauses").toNanos() / 1e6;
			}
			default -> {
			}
		}
	}

	private void addExecutionSample(RecordedStackTrace stack) {
		if (stack == null || stack.getFrames().isEmpty()) {
			return;
		}
		List<RecordedFrame> frames = stack.getFrames();
		this.executionSamples++;
		RecordedFrame top = frames.get(0);
		this.selfByMethod.merge(method(top), 1L, Long::sum);
		this.byComponent.merge(component(className(top)), 1L, Long::sum);
		Set<String> starterMethods = new HashSet<>();
		for (RecordedFrame frame : frames) {
			if (className(frame).startsWith("com.altscodex.spring.")) {
				starterMethods.add(method(frame));
			}
		}
		if (!starterMethods.isEmpty()) {
			this.starterSamples++;
			starterMethods.forEach((method) -> this.starterInclusive.merge(method, 1L, Long::sum));
		}
	}

	private void addAllocation(RecordedStackTrace stack, long weight) {
		this.allocatedBytes += weight;
		if (stack == null || stack.getFrames().isEmpty()) {
			return;
		}
		RecordedFrame site = stack.getFrames().get(0);
		for (RecordedFrame frame : stack.getFrames()) {
			String name = className(frame);
			if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
				site = frame;
				break;
			}
		}
		this.allocationBySite.merge(method(site), weight, Long::sum);
	}

	List<Share> components() {
		return top(this.byComponent, this.executionSamples, Integer.MAX_VALUE);
	}

	List<Share> topSelfMethods() {
		return top(this.selfByMethod, this.executionSamples, TOP);
	}

	List<Share> topStarterInclusive() {
		return top(this.starterInclusive, this.executionSamples, TOP);
	}

	List<Share> topAllocationSites() {
		return top(this.allocationBySite, this.allocatedBytes, TOP);
	}

	double starterInclusiveShare() {
		return (this.executionSamples > 0) ? (double) this.starterSamples / this.executionSamples : 0;
	}

	private static List<Share> top(Map<String, Long> counts, long total, int limit) {
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
			.limit(limit)
			.map((entry) -> new Share(entry.getKey(), (total > 0) ? (double) entry.getValue() / total : 0,
					entry.getValue()))
			.toList();
	}

	private static String className(RecordedFrame frame) {
		return (frame.getMethod() != null && frame.getMethod().getType() != null)
				? frame.getMethod().getType().getName() : "?";
	}

	private static String method(RecordedFrame frame) {
		if (frame.getMethod() == null) {
			return "?";
		}
		// lambda classes are named after their address: $$Lambda$1383+0x00007fcfb8595d58.1645678987
		String type = className(frame).replaceAll("\\$\\$Lambda\\$.*", "\\$\\$Lambda");
		return type + "." + frame.getMethod().getName();
	}

	static String component(String className) {
		if (className.startsWith("com.altscodex.spring.")) {
			return STARTER;
		}
		if (className.startsWith("com.altscodex.benchmarks.")) {
			return "bench app code";
		}
		if (className.startsWith("reactor.netty.")) {
			return "Reactor Netty";
		}
		if (className.startsWith("io.netty.")) {
			return "Netty";
		}
		if (className.startsWith("reactor.")) {
			return "Reactor Core";
		}
		if (className.startsWith("org.springframework.boot.")) {
			return "Spring Boot";
		}
		if (className.startsWith("org.springframework.security.")) {
			return "Spring Security";
		}
		if (className.startsWith("io.github.bucket4j.")) {
			return "Bucket4j";
		}
		if (className.startsWith("org.springframework.")) {
			return "Spring Framework";
		}
		if (className.startsWith("tools.jackson.") || className.startsWith("com.fasterxml.jackson.")) {
			return "Jackson";
		}
		if (className.startsWith("io.micrometer.") || className.startsWith("io.prometheus.")) {
			return "Micrometer / Prometheus";
		}
		if (className.startsWith("sun.security.") || className.startsWith("java.security.")
				|| className.startsWith("javax.crypto.") || className.startsWith("com.sun.crypto.")) {
			return "JDK security (SecureRandom, digests)";
		}
		if (className.startsWith("java.util.concurrent.")) {
			return "JDK java.util.concurrent";
		}
		if (className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")) {
			return "JDK (other)";
		}
		return "other";
	}

}
