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
 * A record of what happened, in order, that tests can await without sleeping. It keeps
 * at most {@code capacity} entries: beyond that, each new entry drops the oldest one. The
 * awaiting methods are driven by the entries as they are added, so they see every entry,
 * kept or dropped. A journal that does not record keeps nothing: every add is dropped.
 */
final class Journal<T> {

	/**
	 * How many entries a journal keeps unless told otherwise.
	 */
	static final int DEFAULT_CAPACITY = 10_000;

	private final boolean recording;

	private final int capacity;

	private final Queue<T> entries = new ConcurrentLinkedQueue<>();

	// ConcurrentLinkedQueue.size() walks the whole queue
	private final AtomicInteger kept = new AtomicInteger();

	private final AtomicLong added = new AtomicLong();

	private final Queue<Waiter<T>> waiters = new ConcurrentLinkedQueue<>();

	private final AtomicLong epoch = new AtomicLong();

	Journal() {
		this(true, DEFAULT_CAPACITY);
	}

	Journal(boolean recording, int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be positive");
		}
		this.recording = recording;
		this.capacity = capacity;
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
		// every add that pushes the count over the capacity takes one entry off the head,
		// so once concurrent adds are done at most capacity entries are left
		int count = this.kept.incrementAndGet();
		while (count > this.capacity && this.entries.poll() != null) {
			count = this.kept.decrementAndGet();
		}
		long total = this.added.incrementAndGet();
		for (Iterator<Waiter<T>> iterator = this.waiters.iterator(); iterator.hasNext();) {
			if (iterator.next().offer(entry, total)) {
				iterator.remove();
			}
		}
	}

	/**
	 * The entries kept, oldest first: the latest {@code capacity} ones since the last
	 * {@link #clear()}.
	 */
	List<T> snapshot() {
		return List.copyOf(this.entries);
	}

	/**
	 * How many entries were added since the last {@link #clear()}, whether still kept or
	 * already dropped for the capacity.
	 */
	long added() {
		return this.added.get();
	}

	void clear() {
		this.epoch.incrementAndGet();
		while (this.entries.poll() != null) {
			this.kept.decrementAndGet();
		}
		this.added.set(0);
	}

	/**
	 * The next entry that matches, added after this call.
	 */
	Mono<T> next(Predicate<? super T> filter) {
		Sinks.One<T> sink = Sinks.one();
		Waiter<T> waiter = (entry, total) -> {
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
	 * Completes once at least {@code count} entries were added since the last
	 * {@link #clear()}, however many of them are still kept.
	 */
	Mono<Void> awaitSize(long count) {
		Sinks.Empty<Void> sink = Sinks.empty();
		Waiter<T> waiter = (entry, total) -> {
			if (total < count) {
				return false;
			}
			sink.tryEmitEmpty();
			return true;
		};
		this.waiters.add(waiter);
		if (this.added.get() >= count) {
			sink.tryEmitEmpty();
			this.waiters.remove(waiter);
		}
		return sink.asMono().doOnCancel(() -> this.waiters.remove(waiter));
	}

	@FunctionalInterface
	private interface Waiter<T> {

		/**
		 * Offers a new entry and the number of entries added so far; answers whether
		 * this waiter is done.
		 */
		boolean offer(T entry, long total);

	}

}
