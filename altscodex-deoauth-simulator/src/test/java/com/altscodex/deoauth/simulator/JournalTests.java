package com.altscodex.deoauth.simulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JournalTests {

	private final Journal<String> journal = new Journal<>();

	@Test
	void addWhenStartedBeforeClearThenDropped() {
		long before = this.journal.epoch();
		this.journal.add("early", before);
		this.journal.clear();
		this.journal.add("late answer of an early start", before);
		this.journal.add("started after the clear", this.journal.epoch());
		assertThat(this.journal.snapshot()).containsExactly("started after the clear");
	}

	@Test
	void awaitSizeThenCompletesOnceEnoughEntries() {
		var awaited = this.journal.awaitSize(2);
		this.journal.add("a");
		this.journal.add("b");
		awaited.as(StepVerifier::create).verifyComplete();
		this.journal.awaitSize(1).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(1));
	}

	@Test
	void addWhenNotRecordingThenDropped() {
		Journal<String> silent = new Journal<>(false, Journal.DEFAULT_CAPACITY);
		silent.add("a");
		silent.add("b", silent.epoch());
		assertThat(silent.isRecording()).isFalse();
		assertThat(silent.snapshot()).isEmpty();
		assertThat(silent.added()).isZero();
		assertThat(this.journal.isRecording()).isTrue();
	}

	@Test
	void addWhenFullThenOldestDropped() {
		Journal<String> bounded = new Journal<>(true, 3);
		for (String entry : new String[] { "a", "b", "c", "d", "e" }) {
			bounded.add(entry);
		}
		assertThat(bounded.snapshot()).containsExactly("c", "d", "e");
		assertThat(bounded.added()).isEqualTo(5);
		bounded.clear();
		bounded.add("f");
		assertThat(bounded.snapshot()).containsExactly("f");
		assertThat(bounded.added()).isEqualTo(1);
	}

	@Test
	void awaitWhenEntriesDroppedThenStillCountsThem() {
		Journal<String> bounded = new Journal<>(true, 2);
		var fifth = bounded.next("e"::equals);
		var five = bounded.awaitSize(5);
		for (String entry : new String[] { "a", "b", "c", "d", "e" }) {
			bounded.add(entry);
		}
		fifth.as(StepVerifier::create).expectNext("e").expectComplete().verify(Duration.ofSeconds(1));
		five.as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(1));
		bounded.awaitSize(5).as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(1));
		assertThat(bounded.snapshot()).containsExactly("d", "e");
	}

	@Test
	void addWhenConcurrentThenNeverKeepsMoreThanCapacity() throws InterruptedException {
		Journal<Integer> bounded = new Journal<>(true, 100);
		int threads = 4;
		int perThread = 10_000;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			for (int t = 0; t < threads; t++) {
				int base = t * perThread;
				executor.execute(() -> {
					try {
						start.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
					for (int i = 0; i < perThread; i++) {
						bounded.add(base + i);
					}
				});
			}
			start.countDown();
		}
		finally {
			executor.shutdown();
			assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(bounded.snapshot()).hasSize(100);
		assertThat(bounded.added()).isEqualTo(threads * perThread);
	}

	@Test
	void capacityMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Journal<String>(true, 0));
	}

}
