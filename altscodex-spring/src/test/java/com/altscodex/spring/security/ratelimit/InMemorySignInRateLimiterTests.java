package com.altscodex.spring.security.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemorySignInRateLimiterTests {

	@Test
	void burstThenRefusedWithTimeToWait() {
		InMemorySignInRateLimiter limiter = new InMemorySignInRateLimiter(3, 1, Duration.ofSeconds(1), 100);

		for (int i = 0; i < 3; i++) {
			assertThat(limiter.decide("10.0.0.1").allowed()).isTrue();
		}
		SignInRateLimiter.Decision refused = limiter.decide("10.0.0.1");

		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void oneAddressExhaustedThenAnotherStillAllowed() {
		InMemorySignInRateLimiter limiter = new InMemorySignInRateLimiter(1, 1, Duration.ofHours(1), 100);
		limiter.decide("10.0.0.1");

		assertThat(limiter.decide("10.0.0.1").allowed()).isFalse();
		assertThat(limiter.decide("10.0.0.2").allowed()).isTrue();
	}

	@Test
	void manyAddressesThenNeverMoreBucketsThanTheBound() {
		InMemorySignInRateLimiter limiter = new InMemorySignInRateLimiter(5, 1, Duration.ofHours(1), 1000);

		for (int i = 0; i < 20_000; i++) {
			limiter.decide("10.0." + (i / 256) + "." + (i % 256));
			assertThat(limiter.size()).isLessThanOrEqualTo(1000);
		}
	}

}
