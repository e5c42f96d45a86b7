package com.altscodex.deoauth.simulator;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

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
		Journal<String> silent = new Journal<>(false);
		silent.add("a");
		silent.add("b", silent.epoch());
		assertThat(silent.isRecording()).isFalse();
		assertThat(silent.snapshot()).isEmpty();
		assertThat(this.journal.isRecording()).isTrue();
	}

}
