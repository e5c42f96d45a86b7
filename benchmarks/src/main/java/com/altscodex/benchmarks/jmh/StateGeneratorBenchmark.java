package com.altscodex.benchmarks.jmh;

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

import com.altscodex.spring.client.ClientRegistration;
import com.altscodex.spring.client.LoginUrls;

/**
 * A fresh login state: 24 bytes from the DRBG, base64url, through the public
 * {@link LoginUrls#newState()}, which draws from the same kind of generator the client
 * draws from for each login. One generator is shared by every event loop, so two threads
 * contend for it as they do under load on this two-core machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StateGeneratorBenchmark {

	private final LoginUrls states = new LoginUrls(ClientRegistration.withName("bench")
		.clientId("bench")
		.clientSecret("bench-secret")
		.redirectUri("http://127.0.0.1/login/altscodex")
		.build());

	@Benchmark
	@Threads(1)
	public String nextOneThread() {
		return this.states.newState();
	}

	@Benchmark
	@Threads(2)
	public String nextTwoThreads() {
		return this.states.newState();
	}

}
