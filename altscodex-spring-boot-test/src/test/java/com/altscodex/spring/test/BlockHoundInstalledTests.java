package com.altscodex.spring.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Every test in this module runs with BlockHound installed (by
 * {@code blockhound-junit-platform}): a blocking call on a non-blocking thread, in the
 * application, the starter or the simulator, fails the test that made it. This proves
 * the installation is live, so the rest of the suite means what it says.
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
