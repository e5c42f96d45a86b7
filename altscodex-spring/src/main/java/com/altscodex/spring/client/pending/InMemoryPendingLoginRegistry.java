package com.altscodex.spring.client.pending;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.util.Assert;

/**
 * A {@link PendingLoginRegistry} in this JVM's memory: a concurrent map from state to a
 * {@link Sinks.One} that hands the callback to its login. Callbacks must reach the
 * instance that registered the login.
 * <p>
 * The map holds at most the sum of the limits its clients register with; a count per
 * client keeps each within its own limit, so that one client's flood cannot take
 * another's room.
 */
public final class InMemoryPendingLoginRegistry implements PendingLoginRegistry {

	/** The {@linkplain #storeMode() store mode} of this registry. */
	public static final String STORE_MODE = "memory";

	private static final Log logger = LogFactory.getLog(InMemoryPendingLoginRegistry.class);

	private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

	// one per client registration that ever registered a login: as bounded as the clients
	private final ConcurrentHashMap<String, ClientCount> counts = new ConcurrentHashMap<>();

	@Override
	public @Nullable PendingLogin register(String clientName, String state, int limit) {
		Assert.hasText(clientName, "clientName must not be empty");
		Assert.hasText(state, "state must not be empty");
		Assert.isTrue(limit > 0, "limit must be positive");
		ClientCount count = this.counts.computeIfAbsent(clientName, (name) -> new ClientCount());
		// take a place first: two logins racing for the last one cannot both get it
		if (count.pending.incrementAndGet() > limit) {
			count.pending.decrementAndGet();
			count.refused.increment();
			return null;
		}
		Entry entry = new Entry(this, state, clientName, count);
		if (this.entries.putIfAbsent(state, entry) != null) {
			count.pending.decrementAndGet();
			throw new IllegalStateException("A login is already pending under this state");
		}
		return entry;
	}

	@Override
	public Mono<CallbackDelivery> deliver(AuthorizationCallback callback) {
		Assert.notNull(callback, "callback cannot be null");
		return Mono.fromSupplier(() -> deliverNow(callback));
	}

	private CallbackDelivery deliverNow(AuthorizationCallback callback) {
		String state = callback.state();
		Entry entry = (state != null) ? this.entries.get(state) : null;
		if (entry == null) {
			if (logger.isDebugEnabled()) {
				logger.debug("Callback for state " + StateAbbreviation.of(state) + " dropped: no login is pending");
			}
			return CallbackDelivery.unknown();
		}
		if (!entry.deliver(callback)) {
			if (logger.isDebugEnabled()) {
				logger.debug("Callback for state " + StateAbbreviation.of(state) + " dropped: duplicate");
			}
			return new CallbackDelivery(ClaimResult.DUPLICATE, entry.clientName);
		}
		return new CallbackDelivery(ClaimResult.CLAIMED, entry.clientName);
	}

	@Override
	public int size(String clientName) {
		ClientCount count = this.counts.get(clientName);
		return (count != null) ? count.pending.get() : 0;
	}

	/**
	 * The number of logins of all clients currently registered.
	 * @return the number of pending logins
	 */
	public int size() {
		return this.entries.size();
	}

	@Override
	public long refusedCount(String clientName) {
		ClientCount count = this.counts.get(clientName);
		return (count != null) ? count.refused.sum() : 0;
	}

	@Override
	public void failAll(String clientName, Supplier<? extends Throwable> error) {
		Assert.notNull(error, "error cannot be null");
		this.entries.values().forEach((entry) -> {
			if (entry.clientName.equals(clientName)) {
				entry.fail(error.get());
			}
		});
	}

	/**
	 * Returns {@value #STORE_MODE}.
	 */
	@Override
	public String storeMode() {
		return STORE_MODE;
	}

	@Override
	public String toString() {
		return "InMemoryPendingLoginRegistry[pending=" + this.entries.size() + "]";
	}

	private static final class ClientCount {

		final AtomicInteger pending = new AtomicInteger();

		final LongAdder refused = new LongAdder();

	}

	private static final class Entry implements PendingLogin {

		private static final AtomicIntegerFieldUpdater<Entry> DELIVERED = AtomicIntegerFieldUpdater
			.newUpdater(Entry.class, "delivered");

		private static final AtomicIntegerFieldUpdater<Entry> RELEASED = AtomicIntegerFieldUpdater
			.newUpdater(Entry.class, "released");

		private final InMemoryPendingLoginRegistry registry;

		private final String state;

		private final String clientName;

		private final ClientCount count;

		private final Sinks.One<AuthorizationCallback> callback = Sinks.one();

		private volatile int delivered;

		private volatile int released;

		Entry(InMemoryPendingLoginRegistry registry, String state, String clientName, ClientCount count) {
			this.registry = registry;
			this.state = state;
			this.clientName = clientName;
			this.count = count;
		}

		boolean deliver(AuthorizationCallback callback) {
			if (!DELIVERED.compareAndSet(this, 0, 1)) {
				return false;
			}
			Sinks.EmitResult result = this.callback.tryEmitValue(callback);
			if (result.isFailure() && logger.isDebugEnabled()) {
				// the login was failed (shut down) just before its callback came
				logger.debug("Login " + StateAbbreviation.of(this.state) + " ended before its callback (" + result
						+ ")");
			}
			return true;
		}

		void fail(Throwable error) {
			Sinks.EmitResult result = this.callback.tryEmitError(error);
			if (result.isFailure() && logger.isDebugEnabled()) {
				logger.debug("Login " + StateAbbreviation.of(this.state) + " has its callback already, not failed ("
						+ result + ")");
			}
		}

		@Override
		public String state() {
			return this.state;
		}

		@Override
		public String clientName() {
			return this.clientName;
		}

		@Override
		public Mono<Void> ready() {
			return Mono.empty();
		}

		@Override
		public Mono<AuthorizationCallback> callback() {
			return this.callback.asMono();
		}

		@Override
		public void release() {
			if (RELEASED.compareAndSet(this, 0, 1)) {
				this.registry.entries.remove(this.state, this);
				this.count.pending.decrementAndGet();
				this.callback.tryEmitEmpty();
			}
		}

		@Override
		public String toString() {
			return "PendingLogin[client=" + this.clientName + ", state=" + StateAbbreviation.of(this.state)
					+ ", delivered=" + (this.delivered == 1) + "]";
		}

	}

}
