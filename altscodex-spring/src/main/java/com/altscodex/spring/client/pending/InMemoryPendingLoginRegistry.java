package com.altscodex.spring.client.pending;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.util.Assert;

/**
 * A {@link PendingLoginRegistry} in this JVM's memory: a concurrent map from state to a
 * {@link Sinks.One}. Callbacks must reach the instance that registered the login.
 *
 * @param <T> the value a login settles with
 */
public final class InMemoryPendingLoginRegistry<T> implements PendingLoginRegistry<T> {

	/** The {@linkplain #storeMode() store mode} of this registry. */
	public static final String STORE_MODE = "memory";

	private static final Log logger = LogFactory.getLog(InMemoryPendingLoginRegistry.class);

	private static final Mono<ClaimResult> CLAIMED_RESULT = Mono.just(ClaimResult.CLAIMED);

	private static final Mono<ClaimResult> DUPLICATE_RESULT = Mono.just(ClaimResult.DUPLICATE);

	private static final Mono<ClaimResult> UNKNOWN_RESULT = Mono.just(ClaimResult.UNKNOWN);

	private final ConcurrentHashMap<String, Entry<T>> entries = new ConcurrentHashMap<>();

	@Override
	public Mono<PendingLogin<T>> register(String state) {
		return Mono.fromSupplier(() -> {
			Entry<T> entry = new Entry<>(state, this.entries);
			if (this.entries.putIfAbsent(state, entry) != null) {
				throw new IllegalStateException("A login is already pending under this state");
			}
			return entry;
		});
	}

	@Override
	public Mono<ClaimResult> claim(String state, Supplier<Mono<T>> outcome) {
		Assert.notNull(outcome, "outcome cannot be null");
		return Mono.deferContextual((contextView) -> {
			Entry<T> entry = this.entries.get(state);
			if (entry == null) {
				return UNKNOWN_RESULT;
			}
			if (!entry.claim()) {
				return DUPLICATE_RESULT;
			}
			// the outcome's own subscription starts with an empty context: carry the
			// caller's (its observation, for one) over to it
			Mono<T> settling = outcome.get();
			entry.settleWith(contextView.isEmpty() ? settling : settling.contextWrite(contextView));
			return CLAIMED_RESULT;
		});
	}

	@Override
	public int size() {
		return this.entries.size();
	}

	/**
	 * Returns {@value #STORE_MODE}.
	 */
	@Override
	public String storeMode() {
		return STORE_MODE;
	}

	@Override
	public void failAll(Supplier<? extends Throwable> error) {
		this.entries.values().forEach((entry) -> entry.fail(error.get()));
	}

	private static final class Entry<T> implements PendingLogin<T> {

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<Entry> CLAIMED = AtomicIntegerFieldUpdater
			.newUpdater(Entry.class, "claimed");

		private final String state;

		private final ConcurrentHashMap<String, Entry<T>> owner;

		private final Sinks.One<T> sink = Sinks.one();

		private volatile int claimed;

		private volatile boolean released;

		private volatile @Nullable Disposable outcome;

		Entry(String state, ConcurrentHashMap<String, Entry<T>> owner) {
			this.state = state;
			this.owner = owner;
		}

		boolean claim() {
			return CLAIMED.compareAndSet(this, 0, 1);
		}

		void settleWith(Mono<T> outcome) {
			Disposable subscription = outcome.subscribe(this::succeed, this::fail, this::completeEmpty);
			this.outcome = subscription;
			// release() may have run between the claim and the assignment above
			if (this.released) {
				subscription.dispose();
			}
		}

		private void succeed(T value) {
			Sinks.EmitResult result = this.sink.tryEmitValue(value);
			if (result.isFailure() && logger.isDebugEnabled()) {
				logger.debug("Login already settled, outcome dropped (" + result + ")");
			}
		}

		void fail(Throwable error) {
			Sinks.EmitResult result = this.sink.tryEmitError(error);
			if (result.isFailure() && logger.isDebugEnabled()) {
				logger.debug("Login already settled, error dropped (" + result + ")");
			}
		}

		private void completeEmpty() {
			this.sink.tryEmitEmpty();
		}

		@Override
		public String state() {
			return this.state;
		}

		@Override
		public Mono<T> result() {
			return this.sink.asMono();
		}

		@Override
		public void release() {
			this.released = true;
			this.owner.remove(this.state, this);
			Disposable running = this.outcome;
			if (running != null) {
				running.dispose();
			}
		}

		@Override
		public String toString() {
			return "PendingLogin[claimed=" + (this.claimed == 1) + "]";
		}

	}

}
