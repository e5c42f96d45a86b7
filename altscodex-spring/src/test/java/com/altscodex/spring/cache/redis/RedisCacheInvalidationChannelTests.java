package com.altscodex.spring.cache.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import com.altscodex.spring.testsupport.redis.RedisEndpoint;
import com.altscodex.spring.testsupport.redis.RedisServerProcess;
import com.altscodex.spring.testsupport.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link RedisCacheInvalidationChannel} on real Redis servers: what reaches whom, when
 * everything is to be forgotten, and what happens beyond its bound.
 */
class RedisCacheInvalidationChannelTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final TestRedisConnections redis = new TestRedisConnections();

	private final String name = TestRedis.uniquePrefix("invalidation-channel") + "channel";

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.listeners.forEach((listener) -> listener.channel.stop());
		this.redis.close();
	}

	@Test
	void publishThenTheOthersHearItAndNotTheSender() {
		RedisEndpoint endpoint = TestRedis.endpoint();
		Listener one = listening(endpoint);
		Listener two = listening(endpoint);

		one.channel.publish("user:alice");
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(two.changes).containsExactly("user:alice"));
		// the other's message comes after its own on its subscription
		two.channel.publish("user:bob");

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(one.changes).containsExactly("user:bob"));
		assertThat(two.changes).containsExactly("user:alice");
	}

	@Test
	void messageOfAnotherShapeThenPassedOnWhole() {
		RedisEndpoint endpoint = TestRedis.endpoint();
		Listener one = listening(endpoint);
		List<String> raw = this.redis.listen(endpoint, this.name);

		new ReactiveStringRedisTemplate(this.redis.connect(endpoint))
			.convertAndSend(this.name, "nonsense")
			.block(TIMEOUT);

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(one.changes).containsExactly("nonsense"));
		assertThat(raw).containsExactly("nonsense");
	}

	@Test
	void subscribedThenEverythingForgottenAndAgainWhenRedisComesBack() {
		try (RedisServerProcess server = RedisServerProcess.start()) {
			Listener one = listening(server.endpoint());
			assertThat(one.forgotAll.get()).isEqualTo(1);

			server.stop();
			server.startAgain();

			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(one.forgotAll.get()).isEqualTo(2));
			Listener two = listening(server.endpoint());
			two.channel.publish("everyone");
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(one.changes).containsExactly("everyone"));
		}
	}

	@Test
	void publishBeyondTheBoundThenDroppedWithAWarning() {
		try (RedisServerProcess server = RedisServerProcess.start()) {
			List<String> warnings = this.redis.warnings(RedisCacheInvalidationChannel.class);
			Listener one = listening(server.endpoint());
			one.channel.setPublishTimeout(Duration.ofHours(1));
			one.channel.setMaxPublishing(1);
			server.stop();

			one.channel.publish("user:alice");
			one.channel.publish("user:bob");

			assertThat(warnings).singleElement()
				.satisfies((warning) -> assertThat(warning).contains("1 messages are still on their way to Redis")
					.doesNotContain("alice")
					.doesNotContain("bob"));
		}
	}

	@Test
	void stopThenNothingHeard() {
		RedisEndpoint endpoint = TestRedis.endpoint();
		Listener one = listening(endpoint);
		Listener two = listening(endpoint);
		Listener three = listening(endpoint);

		two.channel.stop();
		one.channel.publish("user:alice");

		assertThat(two.channel.isRunning()).isFalse();
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(three.changes).containsExactly("user:alice"));
		assertThat(two.changes).isEmpty();
	}

	// started and subscribed: the forgetting that follows a subscription has happened
	private Listener listening(RedisEndpoint endpoint) {
		Listener listener = new Listener(endpoint);
		this.listeners.add(listener);
		listener.channel.setResubscribeBackoff(Duration.ofMillis(50), Duration.ofMillis(200));
		listener.channel.start();
		await().atMost(TIMEOUT).until(() -> listener.forgotAll.get() > 0);
		return listener;
	}

	private final class Listener {

		final List<String> changes = new CopyOnWriteArrayList<>();

		final AtomicInteger forgotAll = new AtomicInteger();

		final RedisCacheInvalidationChannel channel;

		Listener(RedisEndpoint endpoint) {
			this.channel = new RedisCacheInvalidationChannel(RedisCacheInvalidationChannelTests.this.redis.connect(endpoint),
					RedisCacheInvalidationChannelTests.this.name, this.changes::add, this.forgotAll::incrementAndGet);
		}

	}

}
