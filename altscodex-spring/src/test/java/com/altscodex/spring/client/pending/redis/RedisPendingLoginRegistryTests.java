package com.altscodex.spring.client.pending.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import com.altscodex.spring.client.pending.AuthorizationCallback;
import com.altscodex.spring.client.pending.CallbackDelivery;
import com.altscodex.spring.client.pending.ClaimResult;
import com.altscodex.spring.client.pending.PendingLogin;
import com.altscodex.spring.client.pending.PendingLoginStoreException;
import com.altscodex.spring.testsupport.redis.RedisEndpoint;
import com.altscodex.spring.testsupport.redis.RedisServerProcess;
import com.altscodex.spring.testsupport.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two registries on one real Redis stand for two instances of an application.
 */
class RedisPendingLoginRegistryTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<LettuceConnectionFactory> factories = new ArrayList<>();

	private final List<RedisPendingLoginRegistry> registries = new ArrayList<>();

	private String prefix;

	@BeforeEach
	void prefix() {
		this.prefix = TestRedis.uniquePrefix("pending");
	}

	@AfterEach
	void stop() {
		this.registries.forEach(RedisPendingLoginRegistry::stop);
		this.factories.forEach(LettuceConnectionFactory::destroy);
	}

	@Test
	void loginReadyThenItsKeyNamesItsOwnerAndClientNotItsStateAndExpiresAfterTimeoutAndMargin() {
		RedisEndpoint redis = TestRedis.endpoint();
		RedisPendingLoginRegistry owner = registry(redis, "owner");
		PendingLogin login = owner.register("shop", "the-secret-state-0123456789", 10, Duration.ofSeconds(20));

		StepVerifier.create(login.ready()).expectComplete().verify(WAIT);

		String key = owner.key("the-secret-state-0123456789");
		assertThat(key).startsWith(this.prefix + "pending:").doesNotContain("secret");
		ReactiveStringRedisTemplate template = template(redis);
		assertThat(template.opsForValue().get(key).block(WAIT)).isEqualTo("owner shop");
		Duration ttl = template.getExpire(key).block(WAIT);
		assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(50));

		login.release();
		await().atMost(WAIT).until(() -> !template.hasKey(key).block(WAIT));
		assertThat(owner.size("shop")).isZero();
	}

	@Test
	void callbackOnAnotherInstanceThenForwardedToTheOwnerOnceAndLaterCopiesAreDuplicates() {
		RedisEndpoint redis = TestRedis.endpoint();
		RedisPendingLoginRegistry owner = registry(redis, "owner");
		RedisPendingLoginRegistry receiver = registry(redis, "receiver");
		PendingLogin login = owner.register("shop", "state-forwarded", 10, Duration.ofSeconds(20));
		login.ready().block(WAIT);
		AuthorizationCallback callback = new AuthorizationCallback("state-forwarded", "code&with=odd+chars é", "1");

		CallbackDelivery first = receiver.deliver(callback).block(WAIT);
		CallbackDelivery second = receiver.deliver(callback).block(WAIT);
		CallbackDelivery onOwner = owner.deliver(callback).block(WAIT);

		assertThat(first).isEqualTo(new CallbackDelivery(ClaimResult.CLAIMED, "shop"));
		assertThat(second).isEqualTo(new CallbackDelivery(ClaimResult.DUPLICATE, "shop"));
		assertThat(onOwner).isEqualTo(new CallbackDelivery(ClaimResult.DUPLICATE, "shop"));
		assertThat(login.callback().block(WAIT)).isEqualTo(callback);
	}

	@Test
	void callbackOnTheOwnerThenDeliveredThereWithoutRedisMessages() {
		RedisEndpoint redis = TestRedis.endpoint();
		RedisPendingLoginRegistry owner = registry(redis, "owner");
		PendingLogin login = owner.register("shop", "state-local", 10, Duration.ofSeconds(20));
		login.ready().block(WAIT);

		CallbackDelivery delivered = owner.deliver(new AuthorizationCallback("state-local", "c", "1")).block(WAIT);

		assertThat(delivered).isEqualTo(new CallbackDelivery(ClaimResult.CLAIMED, "shop"));
		assertThat(login.callback().block(WAIT).code()).isEqualTo("c");
	}

	@Test
	void sameCallbackOnManyInstancesAtOnceThenExactlyOneClaims() throws Exception {
		RedisEndpoint redis = TestRedis.endpoint();
		RedisPendingLoginRegistry owner = registry(redis, "owner");
		List<RedisPendingLoginRegistry> receivers = List.of(registry(redis, "r1"), registry(redis, "r2"),
				registry(redis, "r3"), registry(redis, "r4"));
		ExecutorService threads = Executors.newFixedThreadPool(receivers.size());
		try {
			for (int round = 0; round < 50; round++) {
				String state = "race-" + round;
				PendingLogin login = owner.register("shop", state, 100, Duration.ofSeconds(20));
				login.ready().block(WAIT);
				CountDownLatch start = new CountDownLatch(1);
				List<Future<CallbackDelivery>> deliveries = new ArrayList<>();
				for (RedisPendingLoginRegistry receiver : receivers) {
					deliveries.add(threads.submit(() -> {
						start.await();
						return receiver.deliver(new AuthorizationCallback(state, "code", "1")).block(WAIT);
					}));
				}
				start.countDown();
				int claimed = 0;
				for (Future<CallbackDelivery> delivery : deliveries) {
					ClaimResult result = delivery.get().result();
					assertThat(result).isIn(ClaimResult.CLAIMED, ClaimResult.DUPLICATE);
					claimed += (result == ClaimResult.CLAIMED) ? 1 : 0;
				}
				assertThat(claimed).as("round %d", round).isEqualTo(1);
				assertThat(login.callback().block(WAIT)).isNotNull();
				login.release();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void callbackForUnknownStateThenNothingDelivered() {
		RedisPendingLoginRegistry receiver = registry(TestRedis.endpoint(), "receiver");

		assertThat(receiver.deliver(new AuthorizationCallback("never-registered", "c", "1")).block(WAIT))
			.isEqualTo(CallbackDelivery.unknown());
		assertThat(receiver.deliver(new AuthorizationCallback(null, "c", "1")).block(WAIT))
			.isEqualTo(CallbackDelivery.unknown());
	}

	@Test
	void ownerGoneThenItsCallbackIsDroppedAndItsKeyExpires() {
		RedisEndpoint redis = TestRedis.endpoint();
		RedisPendingLoginRegistry owner = registry(redis, "owner");
		owner.setTimeToLiveMargin(Duration.ZERO);
		RedisPendingLoginRegistry receiver = registry(redis, "receiver");
		PendingLogin login = owner.register("shop", "state-orphan", 10, Duration.ofSeconds(1));
		login.ready().block(WAIT);
		// the owner dies without releasing anything: no one listens on its channel
		owner.stop();
		await().atMost(WAIT)
			.until(() -> !template(redis).hasKey(owner.key("state-orphan")).block(WAIT));
		assertThat(receiver.deliver(new AuthorizationCallback("state-orphan", "c", "1")).block(WAIT))
			.isEqualTo(CallbackDelivery.unknown());
	}

	@Test
	void redisStoppedThenLoginsFailWithinTheCommandTimeoutAndRecoverWhenItReturns() {
		try (RedisServerProcess server = RedisServerProcess.start()) {
			RedisPendingLoginRegistry registry = registry(server.endpoint(), "alone");
			registry.setCommandTimeout(Duration.ofMillis(500));
			await().atMost(WAIT).until(() -> registry.checkAvailable().then(Mono.just(true)).onErrorReturn(false).block(WAIT));

			server.stop();

			PendingLogin login = registry.register("shop", "state-down", 10, Duration.ofSeconds(60));
			StepVerifier.create(login.ready()).expectError(PendingLoginStoreException.class).verify(WAIT);
			login.release();
			StepVerifier.create(registry.checkAvailable()).expectError(PendingLoginStoreException.class).verify(WAIT);
			StepVerifier.create(registry.deliver(new AuthorizationCallback("state-down", "c", "1")))
				.expectError(PendingLoginStoreException.class)
				.verify(WAIT);
			assertThat(registry.size("shop")).isZero();

			server.startAgain();

			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				PendingLogin again = registry.register("shop", "state-up-" + System.nanoTime(), 10,
						Duration.ofSeconds(60));
				try {
					again.ready().block(WAIT);
				}
				finally {
					again.release();
				}
			});
			await().atMost(Duration.ofSeconds(30))
				.until(() -> registry.checkAvailable().then(Mono.just(true)).onErrorReturn(false).block(WAIT));
		}
	}

	private RedisPendingLoginRegistry registry(RedisEndpoint redis, String instanceId) {
		RedisPendingLoginRegistry registry = new RedisPendingLoginRegistry(factory(redis));
		registry.setKeyPrefix(this.prefix);
		registry.setInstanceId(instanceId);
		registry.setCommandTimeout(Duration.ofSeconds(5));
		registry.start();
		this.registries.add(registry);
		// listening: a login can be recorded
		await().atMost(WAIT).until(() -> registry.checkAvailable().then(Mono.just(true)).onErrorReturn(false).block(WAIT));
		return registry;
	}

	private ReactiveStringRedisTemplate template(RedisEndpoint redis) {
		return new ReactiveStringRedisTemplate(factory(redis));
	}

	private LettuceConnectionFactory factory(RedisEndpoint redis) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(redis.host(), redis.port()));
		factory.afterPropertiesSet();
		factory.start();
		this.factories.add(factory);
		return factory;
	}

}
