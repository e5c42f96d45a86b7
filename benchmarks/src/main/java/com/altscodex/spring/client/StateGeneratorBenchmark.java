package com.altscodex.spring.client;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code StateGenerator.next()}: 24 bytes from the DRBG, base64url. One generator per
 * client is shared by every event loop, so two threads contend for it as they do under
 * load on this two-core machine.
 * <p>
 * In the starter's package (in the benchmarks module) because {@link StateGenerator} is
 * package-private; no {@code package-info} here, the starter's own applies.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StateGeneratorBenchmark {

	private final StateGenerator states = new StateGenerator();

	@Benchmark
	@Threads(1)
	public String nextOneThread() {
		return this.states.next();
	}

	@Benchmark
	@Threads(2)
	public String nextTwoThreads() {
		return this.states.next();
	}

}
