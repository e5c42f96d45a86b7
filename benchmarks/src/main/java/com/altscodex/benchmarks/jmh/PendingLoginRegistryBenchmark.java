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

import com.altscodex.spring.client.pending.AuthorizationCallback;
import com.altscodex.spring.client.pending.CallbackDelivery;
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

	private final InMemoryPendingLoginRegistry registry = new InMemoryPendingLoginRegistry();

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
		PendingLogin pending = Objects.requireNonNull(this.registry.register("bench", state, Integer.MAX_VALUE));
		pending.callback().subscribe(login::settled);
		this.registry.deliver(new AuthorizationCallback(state, "code", "1")).subscribe(login::delivered);
		pending.release();
		if (login.claim != ClaimResult.CLAIMED) {
			throw new IllegalStateException("Delivery " + login.claim);
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

		void settled(AuthorizationCallback callback) {
			this.outcome = callback.code();
		}

		void delivered(CallbackDelivery delivery) {
			this.claim = delivery.result();
		}

	}

}
