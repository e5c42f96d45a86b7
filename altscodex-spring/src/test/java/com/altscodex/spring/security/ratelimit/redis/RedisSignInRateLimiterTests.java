package com.altscodex.spring.security.ratelimit.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import com.altscodex.spring.security.ratelimit.InMemorySignInRateLimiter;
import com.altscodex.spring.security.ratelimit.SignInRateLimiter;
import com.altscodex.spring.security.ratelimit.SignInRateLimiter.Decision;
import com.altscodex.spring.testsupport.redis.RedisEndpoint;
import com.altscodex.spring.testsupport.redis.RedisServerProcess;
import com.altscodex.spring.testsupport.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RedisSignInRateLimiterTests {

	private static final String ADDRESS = "203.0.113.7";

	// far more than Redis on this machine needs; only there so that nothing can hang
	private static final Duration GUARD = Duration.ofSeconds(10);

	private final List<AutoCloseable> resources = new ArrayList<>();

	private String prefix;

	@BeforeEach
	void prefix() {
		this.prefix = TestRedis.uniquePrefix("ratelimit");
	}

	@AfterEach
	void close() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void burstThenRefusedWithTimeToWait() {
		RedisSignInRateLimiter limiter = connected(limiter(TestRedis.endpoint(), 3, Duration.ofMinutes(1)));

		for (int i = 0; i < 3; i++) {
			assertThat(acquire(limiter, ADDRESS).allowed()).isTrue();
		}
		Decision refused = acquire(limiter, ADDRESS);

		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
		assertThat(acquire(limiter, "203.0.113.8").allowed()).isTrue();
		assertThat(limiter.isRedisUnavailable()).isFalse();
	}

	@Test
	void refusedThenAllowedAgainOnceRefilled() {
		RedisSignInRateLimiter limiter = connected(limiter(TestRedis.endpoint(), 1, Duration.ofMillis(300)));
		acquire(limiter, ADDRESS);
		assertThat(acquire(limiter, ADDRESS).allowed()).isFalse();

		await().atMost(GUARD).until(() -> acquire(limiter, ADDRESS).allowed());
	}

	@Test
	void twoInstancesThenOneLimitBetweenThem() {
		RedisSignInRateLimiter first = connected(limiter(TestRedis.endpoint(), 4, Duration.ofHours(1)));
		RedisSignInRateLimiter second = connected(limiter(TestRedis.endpoint(), 4, Duration.ofHours(1)));

		assertThat(acquire(first, ADDRESS).allowed()).isTrue();
		assertThat(acquire(second, ADDRESS).allowed()).isTrue();
		assertThat(acquire(first, ADDRESS).allowed()).isTrue();
		assertThat(acquire(second, ADDRESS).allowed()).isTrue();

		assertThat(acquire(first, ADDRESS).allowed()).isFalse();
		assertThat(acquire(second, ADDRESS).allowed()).isFalse();
	}

	@Test
	void attemptThenOneKeyUnderThePrefixWithoutTheAddressExpiringOnceFull() {
		RedisSignInRateLimiter limiter = connected(limiter(TestRedis.endpoint(), 2, Duration.ofMillis(500)));
		RedisCommands<String, String> redis = commands(TestRedis.endpoint());

		acquire(limiter, ADDRESS);

		List<String> keys = redis.keys(this.prefix + "*");
		assertThat(keys).singleElement().satisfies((key) -> {
			assertThat(key).doesNotContain(ADDRESS).matches(java.util.regex.Pattern.quote(this.prefix) + "[0-9a-f]{32}");
			// one token to give back (500 ms) and a second kept beyond
			assertThat(redis.pttl(key)).isPositive().isLessThanOrEqualTo(1500);
		});
		await().atMost(GUARD).until(() -> redis.keys(this.prefix + "*").isEmpty());
	}

	@Test
	void checkThenNothingTakenAndNoKeyMadeForAnUnknownAddress() {
		RedisSignInRateLimiter limiter = connected(limiter(TestRedis.endpoint(), 1, Duration.ofHours(1)));
		RedisCommands<String, String> redis = commands(TestRedis.endpoint());

		assertThat(check(limiter, ADDRESS).allowed()).isTrue();
		assertThat(redis.keys(this.prefix + "*")).isEmpty();
		assertThat(check(limiter, ADDRESS).allowed()).isTrue();
		assertThat(acquire(limiter, ADDRESS).allowed()).isTrue();

		Decision refused = check(limiter, ADDRESS);
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfter()).isPositive();
	}

	@Test
	void redisStoppedThenThisInstanceLimitsAloneWithoutHangingThenRedisAgainOnceBack() {
		RedisServerProcess server = RedisServerProcess.start();
		this.resources.add(server);
		InMemorySignInRateLimiter fallback = new InMemorySignInRateLimiter(2, 1, Duration.ofHours(1), 100);
		RedisSignInRateLimiter limiter = connected(limiter(server.endpoint(), 5, Duration.ofHours(1), fallback));
		assertThat(acquire(limiter, ADDRESS).allowed()).isTrue();
		assertThat(fallback.size()).isZero();
		limiter.setTimeout(Duration.ofMillis(300));
		limiter.setRetryInterval(Duration.ofMillis(200));

		server.stop();

		assertThat(acquire(limiter, ADDRESS).allowed()).isTrue();
		assertThat(limiter.isRedisUnavailable()).isTrue();
		assertThat(acquire(limiter, ADDRESS).allowed()).isTrue();
		Decision refused = acquire(limiter, ADDRESS);
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfter()).isPositive();
		assertThat(fallback.size()).isOne();

		server.startAgain();
		RedisCommands<String, String> redis = commands(server.endpoint());

		// the restarted server is empty: the address starts again with the cluster's whole allowance
		await().atMost(GUARD).until(() -> acquire(limiter, ADDRESS).allowed() && !limiter.isRedisUnavailable());
		assertThat(redis.keys(this.prefix + "*")).hasSize(1);
	}

	@Test
	void redisNeverThereThenTheFallbackDecides() {
		RedisServerProcess server = RedisServerProcess.start();
		this.resources.add(server);
		RedisEndpoint endpoint = server.endpoint();
		server.stop();
		RedisSignInRateLimiter limiter = limiter(endpoint, 5, Duration.ofHours(1),
				new InMemorySignInRateLimiter(1, 1, Duration.ofHours(1), 100));
		limiter.setTimeout(Duration.ofMillis(300));

		assertThat(acquire(limiter, ADDRESS).allowed()).isTrue();
		assertThat(acquire(limiter, ADDRESS).allowed()).isFalse();
		assertThat(limiter.isRedisUnavailable()).isTrue();
	}

	private RedisSignInRateLimiter limiter(RedisEndpoint endpoint, long capacity, Duration refillPeriod) {
		return limiter(endpoint, capacity, refillPeriod,
				new InMemorySignInRateLimiter(capacity, 1, refillPeriod, 100));
	}

	private RedisSignInRateLimiter limiter(RedisEndpoint endpoint, long capacity, Duration refillPeriod,
			SignInRateLimiter fallback) {
		RedisClient client = RedisClient.create(endpoint.url());
		this.resources.add(client::shutdown);
		RedisSignInRateLimiter limiter = new RedisSignInRateLimiter(client, this.prefix, capacity, 1, refillPeriod,
				fallback);
		// room for a loaded machine; the tests of a down Redis set their own
		limiter.setTimeout(Duration.ofSeconds(5));
		this.resources.add(limiter);
		return limiter;
	}

	// the limiter opens its connection in the background, which the first test of a JVM waits
	// long for; an attempt after a failed one opens it again
	private static RedisSignInRateLimiter connected(RedisSignInRateLimiter limiter) {
		limiter.setRetryInterval(Duration.ZERO);
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			check(limiter, "0.0.0.0");
			return limiter.isConnected() && !limiter.isRedisUnavailable();
		});
		limiter.setRetryInterval(Duration.ofSeconds(5));
		return limiter;
	}

	private RedisCommands<String, String> commands(RedisEndpoint endpoint) {
		RedisClient client = RedisClient.create(endpoint.url());
		this.resources.add(client::shutdown);
		return client.connect().sync();
	}

	private static Decision acquire(SignInRateLimiter limiter, String key) {
		return answer(limiter.tryAcquire(key));
	}

	private static Decision check(SignInRateLimiter limiter, String key) {
		return answer(limiter.check(key));
	}

	private static Decision answer(reactor.core.publisher.Mono<Decision> decision) {
		Decision[] answer = new Decision[1];
		decision.as(StepVerifier::create).consumeNextWith((next) -> answer[0] = next).expectComplete().verify(GUARD);
		return answer[0];
	}

}
