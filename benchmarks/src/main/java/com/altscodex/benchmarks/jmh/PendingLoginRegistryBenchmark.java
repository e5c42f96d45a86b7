package com.altscodex.benchmarks.jmh;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

import com.altscodex.spring.client.pending.ClaimResult;
import com.altscodex.spring.client.pending.InMemoryPendingLoginRegistry;
import com.altscodex.spring.client.pending.PendingLogin;

/**
 * One login's whole life in the {@link InMemoryPendingLoginRegistry}, as the client and
 * the callback endpoint drive it: register under a fresh state, subscribe to the
 * result, claim the state with the callback's outcome (which settles the login), release.
 * One registry is shared by all threads: with two threads, the map and the sinks are
 * contended as on the two cores under load.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PendingLoginRegistryBenchmark {

	private static final Mono<String> SLOT = Mono.just("slot");

	private final InMemoryPendingLoginRegistry<String> registry = new InMemoryPendingLoginRegistry<>();

	@Benchmark
	@Threads(1)
	public @Nullable String registerClaimSettleOneThread(Login login) {
		return cycle(login);
	}

	@Benchmark
	@Threads(2)
	public @Nullable String registerClaimSettleTwoThreads(Login login) {
		return cycle(login);
	}

	private @Nullable String cycle(Login login) {
		String state = login.nextState();
		this.registry.register(state).subscribe(login::registered);
		PendingLogin<String> pending = Objects.requireNonNull(login.pending);
		pending.result().subscribe(login::settled);
		this.registry.claim(state, () -> SLOT).subscribe(login::claimed);
		pending.release();
		if (login.claim != ClaimResult.CLAIMED) {
			throw new IllegalStateException("Claim " + login.claim);
		}
		return login.outcome;
	}

	/**
	 * A thread's states (distinct random ones, reused once released) and the last login.
	 */
	@State(Scope.Thread)
	public static class Login {

		private static final int STATES = 1 << 16;

		private final String[] states = new String[STATES];

		private int next;

		@Nullable PendingLogin<String> pending;

		@Nullable String outcome;

		@Nullable ClaimResult claim;

		@Setup
		public void generateStates() throws NoSuchAlgorithmException {
			SecureRandom random = SecureRandom.getInstance("DRBG");
			Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
			for (int i = 0; i < STATES; i++) {
				byte[] bytes = new byte[24];
				random.nextBytes(bytes);
				this.states[i] = encoder.encodeToString(bytes);
			}
		}

		String nextState() {
			return this.states[this.next++ & (STATES - 1)];
		}

		void registered(PendingLogin<String> pending) {
			this.pending = pending;
		}

		void settled(String value) {
			this.outcome = value;
		}

		void claimed(ClaimResult result) {
			this.claim = result;
		}

	}

}
