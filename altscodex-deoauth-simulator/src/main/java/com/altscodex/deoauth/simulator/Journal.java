package com.altscodex.deoauth.simulator;

import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * An append-only record of what happened, in order, that tests can await without
 * sleeping. A journal that does not record keeps nothing: every add is dropped.
 */
final class Journal<T> {

	private final boolean recording;

	private final Queue<T> entries = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final Queue<Waiter<T>> waiters = new ConcurrentLinkedQueue<>();

	private final AtomicLong epoch = new AtomicLong();

	Journal() {
		this(true);
	}

	Journal(boolean recording) {
		this.recording = recording;
	}

	/**
	 * Whether entries are kept; when not, {@link #add(Object)} drops them.
	 */
	boolean isRecording() {
		return this.recording;
	}

	/**
	 * The current epoch: {@link #clear()} starts a new one.
	 */
	long epoch() {
		return this.epoch.get();
	}

	/**
	 * Adds an entry for something that began in the given epoch, unless the journal
	 * was cleared since: what began before a clear must not show up after it.
	 */
	void add(T entry, long startedIn) {
		if (startedIn == this.epoch.get()) {
			add(entry);
		}
	}

	void add(T entry) {
		if (!this.recording) {
			return;
		}
		this.entries.add(entry);
		int newSize = this.size.incrementAndGet();
		for (Iterator<Waiter<T>> iterator = this.waiters.iterator(); iterator.hasNext();) {
			if (iterator.next().offer(entry, newSize)) {
				iterator.remove();
			}
		}
	}

	List<T> snapshot() {
		return List.copyOf(this.entries);
	}

	void clear() {
		this.epoch.incrementAndGet();
		this.entries.clear();
		this.size.set(0);
	}

	/**
	 * The next entry that matches, added after this call.
	 */
	Mono<T> next(Predicate<? super T> filter) {
		Sinks.One<T> sink = Sinks.one();
		Waiter<T> waiter = (entry, size) -> {
			if (!filter.test(entry)) {
				return false;
			}
			sink.tryEmitValue(entry);
			return true;
		};
		this.waiters.add(waiter);
		return sink.asMono().doOnCancel(() -> this.waiters.remove(waiter));
	}

	/**
	 * Completes once the journal holds at least {@code count} entries.
	 */
	Mono<Void> awaitSize(int count) {
		Sinks.Empty<Void> sink = Sinks.empty();
		Waiter<T> waiter = (entry, size) -> {
			if (size < count) {
				return false;
			}
			sink.tryEmitEmpty();
			return true;
		};
		this.waiters.add(waiter);
		if (this.size.get() >= count) {
			sink.tryEmitEmpty();
			this.waiters.remove(waiter);
		}
		return sink.asMono().doOnCancel(() -> this.waiters.remove(waiter));
	}

	@FunctionalInterface
	private interface Waiter<T> {

		/**
		 * Offers a new entry; answers whether this waiter is done.
		 */
		boolean offer(T entry, int size);

	}

}
