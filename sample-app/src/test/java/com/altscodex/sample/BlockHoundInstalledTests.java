package com.altscodex.sample;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The sample's tests run with BlockHound installed (by {@code blockhound-junit-platform}):
 * this proves it is live, so a blocking call in a request path would fail its test.
 */
class BlockHoundInstalledTests {

	@Test
	void blockingCallOnParallelSchedulerThenDetected() {
		Mono.delay(Duration.ofMillis(1)).doOnNext((tick) -> {
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}).as(StepVerifier::create).expectError(BlockingOperationError.class).verify(Duration.ofSeconds(5));
	}

}
