package com.altscodex.deoauth.simulator;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Proves that the other tests run under BlockHound.
 */
class BlockHoundInstallerTests {

	@Test
	void blockingCallOnNonBlockingThreadIsDetected() {
		Mono.delay(Duration.ZERO)
			.doOnNext((tick) -> Thread.yield())
			.as(StepVerifier::create)
			.expectError(BlockingOperationError.class)
			.verify(Duration.ofSeconds(5));
	}

}
