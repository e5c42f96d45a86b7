package com.altscodex.spring.autoconfigure.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.spring.autoconfigure.rbac.PersonalAccessTokenFailureLimiter;
import com.altscodex.spring.autoconfigure.security.BrowserSession;
import com.altscodex.spring.autoconfigure.security.app.SecurityTestApplication;
import com.altscodex.spring.pat.PersonalAccessTokenCodec;
import com.altscodex.spring.security.ratelimit.InMemorySignInRateLimiter;
import com.altscodex.spring.security.ratelimit.SignInRateLimiter;
import com.altscodex.spring.security.ratelimit.redis.RedisSignInRateLimiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of one application whose rate limits are kept in Redis
 * ({@code altscodex.security.rate-limit.store} and
 * {@code altscodex.pat.failure-rate-limit.store} set to {@code redis}): a client address
 * has one allowance for the cluster, not one per instance. In memory, as before, each
 * instance gives the whole allowance.
 */
class ClusterRateLimitTests {

	private static final int CAPACITY = 3;

	private static DeOAuthSimulator simulator;

	private static ClusterInstances cluster;

	@BeforeAll
	static void start() {
		simulator = DeOAuthSimulator.builder().build().start();
		cluster = ClusterInstances.builder(simulator)
			.instances(2)
			.application(SecurityTestApplication.class)
			// each test plays client addresses of its own, which the limits count
			.property("server.forward-headers-strategy", "framework")
			.property("altscodex.security.rate-limit.store", "redis")
			.property("altscodex.security.rate-limit.capacity", CAPACITY)
			.property("altscodex.security.rate-limit.refill-period", "1h")
			.property("altscodex.pat.failure-rate-limit.store", "redis")
			.property("altscodex.pat.failure-rate-limit.capacity", CAPACITY)
			.property("altscodex.pat.failure-rate-limit.refill-period", "1h")
			.start();
		// the limiters open their connections in the background as the instances start, and
		// again at an attempt after a failed one
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			boolean connected = true;
			for (ClusterInstances.Instance instance : cluster.all()) {
				connected &= connected(instance.bean(RedisSignInRateLimiter.class));
				connected &= connected(
						(RedisSignInRateLimiter) instance.bean(PersonalAccessTokenFailureLimiter.class).limiter());
			}
			return connected;
		});
	}

	@AfterAll
	static void stop() {
		if (cluster != null) {
			cluster.close();
		}
		if (simulator != null) {
			simulator.close();
		}
	}

	private static boolean connected(RedisSignInRateLimiter limiter) {
		if (!limiter.isConnected()) {
			limiter.check("0.0.0.0").block(Duration.ofSeconds(30));
		}
		return limiter.isConnected() && !limiter.isRedisUnavailable();
	}

	@Test
	void signInAttemptsOnEveryInstanceThenOneAllowanceForTheCluster() {
		String address = clientAddress();
		BrowserSession first = cluster.instance(1).browser().loadPage();
		BrowserSession second = cluster.instance(2).browser().loadPage();

		assertThat(signInAttempt(first, address).getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(signInAttempt(second, address).getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(signInAttempt(first, address).getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);

		EntityExchangeResult<byte[]> limited = signInAttempt(second, address);
		assertThat(limited.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(limited.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
		assertThat(signInAttempt(first, address).getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		// another address has its own allowance
		assertThat(signInAttempt(first, clientAddress()).getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void invalidTokensOnEveryInstanceThenOneAllowanceForTheCluster() {
		String address = clientAddress();

		assertThat(invalidToken(1, address).getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(invalidToken(2, address).getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(invalidToken(1, address).getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);

		EntityExchangeResult<byte[]> limited = invalidToken(2, address);
		assertThat(limited.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(limited.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
		assertThat(invalidToken(1, address).getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(invalidToken(1, clientAddress()).getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void limitsInMemoryThenEachInstanceAllowsTheWholeAllowanceAsBefore() {
		try (ClusterInstances memory = ClusterInstances.builder(simulator)
			.instances(2)
			.application(SecurityTestApplication.class)
			.store("memory")
			.property("server.forward-headers-strategy", "framework")
			.property("altscodex.security.rate-limit.capacity", CAPACITY)
			.property("altscodex.security.rate-limit.refill-period", "1h")
			.start()) {
			String address = clientAddress();
			BrowserSession first = memory.instance(1).browser().loadPage();
			BrowserSession second = memory.instance(2).browser().loadPage();
			assertThat(memory.instance(1).bean(SignInRateLimiter.class)).isInstanceOf(InMemorySignInRateLimiter.class);

			for (int i = 0; i < CAPACITY; i++) {
				assertThat(signInAttempt(first, address).getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
			}
			assertThat(signInAttempt(first, address).getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
			for (int i = 0; i < CAPACITY; i++) {
				assertThat(signInAttempt(second, address).getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
			}
			assertThat(signInAttempt(second, address).getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		}
	}

	private static EntityExchangeResult<byte[]> signInAttempt(BrowserSession browser, String address) {
		return browser.web()
			.post()
			.uri("/login")
			.cookie(BrowserSession.XSRF_TOKEN, browser.cookie(BrowserSession.XSRF_TOKEN))
			.headers((headers) -> {
				headers.set("X-Forwarded-For", address);
				headers.set("X-XSRF-TOKEN", browser.cookie(BrowserSession.XSRF_TOKEN));
				headers.setContentType(MediaType.APPLICATION_JSON);
				headers.setAccept(List.of(MediaType.APPLICATION_JSON));
			})
			.bodyValue("{}")
			.exchange()
			.expectBody()
			.returnResult();
	}

	private static EntityExchangeResult<byte[]> invalidToken(int instance, String address) {
		// well formed, so that only the store can tell it is no token
		String token = new PersonalAccessTokenCodec().generate();
		return cluster.instance(instance)
			.browser()
			.web()
			.get()
			.uri("/api/hello")
			.headers((headers) -> {
				headers.set("X-Forwarded-For", address);
				headers.setBearerAuth(token);
				headers.setAccept(List.of(MediaType.APPLICATION_JSON));
			})
			.exchange()
			.expectBody()
			.returnResult();
	}

	// an address of each test's own: the buckets outlive a test
	private static String clientAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
	}

}
