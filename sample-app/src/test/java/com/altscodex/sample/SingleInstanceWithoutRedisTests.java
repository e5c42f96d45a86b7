package com.altscodex.sample;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.SessionIdGenerator;

import com.altscodex.sample.cluster.InstanceHeaderWebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as one instance, the README's one-command run: Redis and Spring Session
 * are on its classpath for the {@code cluster} profile, but the default profile leaves
 * them out (whether or not a Redis server answers on this machine). Pending logins and
 * sessions stay in memory, nothing connects to Redis, and the health has no Redis
 * component to turn it down.
 */
class SingleInstanceWithoutRedisTests {

	@Test
	void defaultProfileThenNoRedisNoSpringSessionAndPendingLoginsInMemory() {
		try (RunningSample sample = RunningSample.start()) {
			assertThat(sample.context().getBeanNamesForType(ReactiveRedisConnectionFactory.class)).isEmpty();
			assertThat(sample.context().getBeanNamesForType(ReactiveSessionRepository.class)).isEmpty();
			// the starter's non-blocking session ids come with Spring Session's repository only
			assertThat(sample.context().getBeanNamesForType(SessionIdGenerator.class)).isEmpty();
			sample.webTestClient()
				.get()
				.uri("/actuator/health")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.doesNotExist(InstanceHeaderWebFilter.HEADER)
				.expectBody()
				.jsonPath("$.status").isEqualTo("UP")
				.jsonPath("$.components.redis").doesNotExist()
				.jsonPath("$.components.altscodex.details.store").isEqualTo("memory");
		}
	}

}
