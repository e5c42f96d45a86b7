package com.altscodex.spring.client;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.test.util.RaceTestUtils;

import com.altscodex.spring.client.pending.AuthorizationCallback;
import com.altscodex.spring.client.pending.InMemoryPendingLoginRegistry;
import com.altscodex.spring.client.pending.PendingLogin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every pair of the signals that can end a login, raced on two threads, thousands of
 * times each: a cancellation, the timeout, the callback (which leads to the code
 * exchange), a failed {@code authorize}, and the client stopping. Whatever the
 * interleaving, the login settles at most once (exactly once unless cancelled), the code
 * is exchanged at most once, and no entry is left in the registry.
 * <p>
 * The login runs against the real in-memory registry; its HTTP steps are sinks the test
 * settles, so that a round takes microseconds rather than a round trip.
 */
class MonoLoginRaceTests {

	private static final int ROUNDS = 10_000;

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private static final SlotInfo SLOT = new SlotInfo("alice", "token", null, "Alice", 1L, "code");

	private final InMemoryPendingLoginRegistry registry = new InMemoryPendingLoginRegistry();

	private Scheduler racer;

	private VirtualTimeScheduler time;

	@BeforeEach
	void virtualTime() {
		// made first: the racing threads must stay real, one per signal; and plain threads,
		// on which BlockHound lets RaceTestUtils spin with Thread.yield()
		this.racer = Schedulers.fromExecutorService(Executors.newFixedThreadPool(2));
		// the login's timer runs on Schedulers.parallel(), which this replaces: advancing
		// it fires the timeout on the advancing thread
		this.time = VirtualTimeScheduler.getOrSet();
		// a signal that loses the race to the end of the login is dropped, as Reactor
		// drops them: not worth a log line per round here
		Hooks.onErrorDropped((ex) -> {
		});
	}

	@AfterEach
	void realTime() {
		Hooks.resetOnErrorDropped();
		VirtualTimeScheduler.reset();
		this.racer.dispose();
	}

	@Test
	void cancelAndTimeout() {
		race(Start.AUTHORIZING, Login::cancel, Login::timeOut);
	}

	@Test
	void cancelAndCallback() {
		race(Start.AWAITING_CALLBACK, Login::cancel, Login::deliverCallback);
	}

	@Test
	void cancelAndAuthorizeFailure() {
		race(Start.AUTHORIZING, Login::cancel, Login::failAuthorize);
	}

	@Test
	void cancelAndShutdown() {
		race(Start.AUTHORIZING, Login::cancel, Login::shutDown);
	}

	@Test
	void timeoutAndCallback() {
		race(Start.AWAITING_CALLBACK, Login::timeOut, Login::deliverCallback);
	}

	@Test
	void timeoutAndAuthorizeFailure() {
		race(Start.AUTHORIZING, Login::timeOut, Login::failAuthorize);
	}

	@Test
	void timeoutAndShutdown() {
		race(Start.AUTHORIZING, Login::timeOut, Login::shutDown);
	}

	@Test
	void callbackAndAuthorizeFailure() {
		race(Start.AUTHORIZING, Login::deliverCallback, Login::failAuthorize);
	}

	@Test
	void callbackAndShutdown() {
		race(Start.AWAITING_CALLBACK, Login::deliverCallback, Login::shutDown);
	}

	@Test
	void authorizeFailureAndShutdown() {
		race(Start.AUTHORIZING, Login::failAuthorize, Login::shutDown);
	}

	@Test
	void callbackAndTheAnswerToAuthorizeThenOneExchange() {
		race(Start.AUTHORIZING, Login::deliverCallback, Login::answerAuthorize);
	}

	@Test
	void callbackTwiceThenOneExchange() {
		race(Start.AWAITING_CALLBACK, Login::deliverCallback, Login::deliverCallback);
	}

	/**
	 * The window a review suspected: a subscriber cancelling while the login registers
	 * its state. Whichever comes first, the entry is released.
	 */
	@Test
	void cancelWhileSubscribing() {
		for (int round = 0; round < ROUNDS; round++) {
			Login login = new Login(this.registry, this.time);
			RaceTestUtils.race(this.racer, login::subscribe, login::cancelOnceSubscribed);
			login.assertEnded();
		}
		assertThat(this.registry.size()).isZero();
	}

	private void race(Start start, Signal first, Signal second) {
		for (int round = 0; round < ROUNDS; round++) {
			Login login = new Login(this.registry, this.time);
			login.subscribe();
			if (start == Start.AWAITING_CALLBACK) {
				login.answerAuthorize();
			}
			RaceTestUtils.race(this.racer, () -> first.send(login), () -> second.send(login));
			// whatever is left to end it: a login that survived both signals times out
			login.timeOut();
			login.assertEnded();
		}
		assertThat(this.registry.size()).isZero();
	}

	private enum Start {

		AUTHORIZING, AWAITING_CALLBACK

	}

	@FunctionalInterface
	private interface Signal {

		void send(Login login);

	}

	/**
	 * One login and the levers on it.
	 */
	private static final class Login implements MonoLogin.Steps {

		private static final String CLIENT = "race";

		private final InMemoryPendingLoginRegistry registry;

		private final VirtualTimeScheduler time;

		private final String state = "state-" + System.nanoTime() + "-" + Thread.currentThread().getId();

		private final Sinks.Empty<Void> authorize = Sinks.empty();

		private final AtomicInteger exchanges = new AtomicInteger();

		private final Recorder subscriber = new Recorder();

		private volatile boolean running = true;

		Login(InMemoryPendingLoginRegistry registry, VirtualTimeScheduler time) {
			this.registry = registry;
			this.time = time;
		}

		void subscribe() {
			new MonoLogin(this, this.state, new OneTimeJwt("a.b.c"), TIMEOUT).subscribe(this.subscriber);
		}

		void cancel() {
			this.subscriber.subscription().cancel();
		}

		void cancelOnceSubscribed() {
			Subscription subscription;
			while ((subscription = this.subscriber.subscription.get()) == null) {
				Thread.onSpinWait();
			}
			this.subscriber.cancelled = true;
			subscription.cancel();
		}

		void timeOut() {
			this.time.advanceTimeBy(TIMEOUT);
		}

		void deliverCallback() {
			this.registry.deliver(new AuthorizationCallback(this.state, "code", "1")).subscribe();
		}

		void answerAuthorize() {
			this.authorize.tryEmitEmpty();
		}

		void failAuthorize() {
			this.authorize.tryEmitError(new AuthorizeFailedException("AUTHORIZE_ERROR", null));
		}

		void shutDown() {
			this.running = false;
			this.registry.failAll(CLIENT, () -> new ClientShutdownException(CLIENT));
		}

		void assertEnded() {
			List<Object> signals = this.subscriber.signals();
			if (this.subscriber.cancelled) {
				assertThat(signals).hasSizeLessThanOrEqualTo(1);
			}
			else {
				assertThat(signals).as("signals of a login that was not cancelled").hasSize(1);
			}
			assertThat(this.exchanges).hasValueLessThanOrEqualTo(1);
			if (signals.contains(SLOT)) {
				assertThat(this.exchanges).hasValue(1);
			}
			assertThat(this.registry.size(CLIENT)).as("entries left").isZero();
		}

		@Override
		public PendingLogin register(String state, Duration timeout) {
			PendingLogin pending = this.registry.register(CLIENT, state, Integer.MAX_VALUE);
			assertThat(pending).isNotNull();
			return pending;
		}

		@Override
		public Mono<Void> ready(PendingLogin pending) {
			return pending.ready();
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public Throwable shutdown() {
			return new ClientShutdownException(CLIENT);
		}

		@Override
		public Mono<Void> authorize(String state, HttpCredential bearer) {
			return this.authorize.asMono();
		}

		@Override
		public Mono<SlotInfo> exchange(AuthorizationCallback callback) {
			return Mono.fromSupplier(() -> {
				this.exchanges.incrementAndGet();
				return SLOT;
			});
		}

	}

	/**
	 * Records every signal the login sends its subscriber.
	 */
	private static final class Recorder implements CoreSubscriber<SlotInfo> {

		private final AtomicReference<Subscription> subscription = new AtomicReference<>();

		private final Queue<Object> signals = new ConcurrentLinkedQueue<>();

		private volatile boolean cancelled;

		@Override
		public void onSubscribe(Subscription subscription) {
			this.subscription.set(subscription);
			subscription.request(1);
		}

		@Override
		public void onNext(SlotInfo slot) {
			this.signals.add(slot);
		}

		@Override
		public void onError(Throwable error) {
			this.signals.add(error);
		}

		@Override
		public void onComplete() {
			// a value, then completion: the value already counts as the outcome
		}

		Subscription subscription() {
			Subscription current = this.subscription.get();
			return new Subscription() {

				@Override
				public void request(long n) {
					current.request(n);
				}

				@Override
				public void cancel() {
					Recorder.this.cancelled = true;
					current.cancel();
				}

			};
		}

		List<Object> signals() {
			return List.copyOf(this.signals);
		}

	}

}
