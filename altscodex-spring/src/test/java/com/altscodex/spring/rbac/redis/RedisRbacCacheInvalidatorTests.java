package com.altscodex.spring.rbac.redis;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;

import com.altscodex.spring.cache.redis.RedisCacheInvalidationChannel;
import com.altscodex.spring.cache.redis.TestRedisConnections;
import com.altscodex.spring.rbac.CachingReactiveRoleService;
import com.altscodex.spring.rbac.r2dbc.R2dbcRoleService;
import com.altscodex.spring.testsupport.r2dbc.CountingConnectionFactory;
import com.altscodex.spring.testsupport.r2dbc.TestDatabases;
import com.altscodex.spring.testsupport.redis.RedisEndpoint;
import com.altscodex.spring.testsupport.redis.RedisServerProcess;
import com.altscodex.spring.testsupport.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Role caches of instances sharing one database (a real, in-memory H2) and one Redis
 * server (a real one) kept in step by {@link RedisRbacCacheInvalidator}: each instance
 * keeps authorizations for an hour, so only the invalidation can make another instance
 * see a change; an instance without an invalidator shows what it would otherwise serve.
 */
class RedisRbacCacheInvalidatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final TestRedisConnections redis = new TestRedisConnections();

	private final String channel = TestRedis.uniquePrefix("rbac-invalidation") + "rbac";

	private ConnectionFactory database;

	@BeforeEach
	void newDatabase() {
		this.database = TestDatabases.h2("rbac-invalidation-" + UUID.randomUUID());
		TestDatabases.applySchema(this.database, R2dbcRoleService.SCHEMA_LOCATION_PATTERN, TestDatabases.H2);
		Instance setUp = new Instance();
		setUp.roles.createRole("reader", null, "test").block(TIMEOUT);
		setUp.roles.grant("reader", "reports:read", "test").block(TIMEOUT);
		setUp.roles.assign("alice", "reader", "test").block(TIMEOUT);
		setUp.roles.assign("bob", "reader", "test").block(TIMEOUT);
	}

	@AfterEach
	void close() {
		this.redis.close();
	}

	@Test
	void unassignOnOneInstanceThenTheOtherSeesItAtOnce() {
		RedisEndpoint endpoint = TestRedis.endpoint();
		Instance one = new Instance().listening(endpoint);
		Instance two = new Instance().listening(endpoint);
		Instance alone = new Instance();
		assertThat(two.roles("alice")).containsExactly("reader");
		assertThat(alone.roles("alice")).containsExactly("reader");

		assertThat(one.roles.unassign("alice", "reader", "admin").block(TIMEOUT)).isTrue();

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(two.roles("alice")).isEmpty());
		assertThat(alone.roles("alice")).as("kept without an invalidator").containsExactly("reader");
		assertThat(two.roles("bob")).as("another user").containsExactly("reader");
	}

	@Test
	void revokeFromARoleOnOneInstanceThenEveryUserOnTheOtherSeesIt() {
		RedisEndpoint endpoint = TestRedis.endpoint();
		Instance one = new Instance().listening(endpoint);
		Instance two = new Instance().listening(endpoint);
		Instance alone = new Instance();
		assertThat(two.permits("alice", "reports:read")).isTrue();
		assertThat(two.permits("bob", "reports:read")).isTrue();
		assertThat(alone.permits("alice", "reports:read")).isTrue();

		assertThat(one.roles.revoke("reader", "reports:read", "admin").block(TIMEOUT)).isTrue();

		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(two.permits("alice", "reports:read")).isFalse();
			assertThat(two.permits("bob", "reports:read")).isFalse();
		});
		assertThat(alone.permits("alice", "reports:read")).as("kept without an invalidator").isTrue();
	}

	@Test
	void changesThenMessagesNameTheUserOrEveryoneAndTheSender() {
		RedisEndpoint endpoint = TestRedis.endpoint();
		List<String> messages = this.redis.listen(endpoint, this.channel);
		Instance one = new Instance().listening(endpoint);

		one.roles.unassign("alice", "reader", "admin").block(TIMEOUT);
		one.roles.assign("alice", "reader", "admin").block(TIMEOUT);
		one.roles.assign("alice", "reader", "admin").block(TIMEOUT);
		one.roles.grant("reader", "reports:write", "admin").block(TIMEOUT);

		String sender = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} ";
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(messages).hasSize(3));
		assertThat(messages.get(0)).matches(sender + "user:alice");
		assertThat(messages.get(1)).matches(sender + "user:alice");
		assertThat(messages.get(2)).matches(sender + "everyone");
		assertThat(messages.stream().map((message) -> message.substring(0, 36)).distinct()).as("one sender")
			.hasSize(1);
	}

	@Test
	void ownMessagesThenIgnored() {
		RedisEndpoint endpoint = TestRedis.endpoint();
		Instance one = new Instance().listening(endpoint);
		Instance two = new Instance().listening(endpoint);
		assertThat(one.roles("bob")).containsExactly("reader");
		assertThat(two.roles("alice")).containsExactly("reader");

		one.roles.unassign("alice", "reader", "admin").block(TIMEOUT);
		// kept again at once, before its own message can come back
		assertThat(one.roles("alice")).isEmpty();
		int connections = one.database.connections();
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(two.roles("alice")).isEmpty());
		// a later message, from the other instance, arrives after its own on its subscription
		two.roles.unassign("bob", "reader", "admin").block(TIMEOUT);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(one.roles("bob")).isEmpty());
		int afterBob = one.database.connections();

		assertThat(one.roles("alice")).isEmpty();

		assertThat(one.database.connections()).as("alice's entry was kept, so its own message was ignored")
			.isEqualTo(afterBob);
		assertThat(afterBob).as("bob's was forgotten").isGreaterThan(connections);
	}

	@Test
	void messageNotUnderstoodThenEveryoneIsForgotten() {
		RedisEndpoint endpoint = TestRedis.endpoint();
		Instance one = new Instance().listening(endpoint);
		Instance two = new Instance();
		assertThat(one.roles("alice")).containsExactly("reader");
		assertThat(one.roles("bob")).containsExactly("reader");
		two.roles.unassign("alice", "reader", "admin").block(TIMEOUT);
		two.roles.unassign("bob", "reader", "admin").block(TIMEOUT);
		assertThat(one.roles("alice")).as("kept until told").containsExactly("reader");

		new ReactiveStringRedisTemplate(this.redis.connect(endpoint))
			.convertAndSend(this.channel, "a-newer-instance role-renamed:reader")
			.block(TIMEOUT);

		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(one.roles("alice")).isEmpty();
			assertThat(one.roles("bob")).isEmpty();
		});
	}

	@Test
	void redisStoppedThenChangesSucceedAndWhenBackTheOtherInstanceForgetsWhatItMissed() {
		try (RedisServerProcess server = RedisServerProcess.start()) {
			List<String> warnings = this.redis.warnings(RedisCacheInvalidationChannel.class);
			RedisEndpoint endpoint = server.endpoint();
			Instance one = new Instance().listening(endpoint);
			one.invalidator.setPublishTimeout(Duration.ofMillis(500));
			Instance two = new Instance().listening(endpoint);
			Instance alone = new Instance();
			assertThat(two.roles("alice")).containsExactly("reader");
			assertThat(two.roles("bob")).containsExactly("reader");

			server.stop();
			one.roles.unassign("alice", "reader", "admin").as(StepVerifier::create).expectNext(true).verifyComplete();
			// a change no message ever tells of: only forgetting on subscription shows it
			alone.roles.unassign("bob", "reader", "admin").block(TIMEOUT);

			assertThat(two.roles("alice")).as("the message is lost").containsExactly("reader");
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(warnings).anySatisfy((warning) -> assertThat(warning)
					.contains("Could not tell other instances of a change on channel '" + this.channel + "'")));

			server.startAgain();
			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(two.roles("alice")).isEmpty();
				assertThat(two.roles("bob")).isEmpty();
			});

			// and messages are heard again
			one.roles.assign("alice", "reader", "admin").block(TIMEOUT);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(two.roles("alice")).containsExactly("reader"));
		}
	}

	@Test
	void redisDownThenAChangeDoesNotWaitForThePublication() {
		try (RedisServerProcess server = RedisServerProcess.start()) {
			Instance one = new Instance().listening(server.endpoint());
			one.invalidator.setPublishTimeout(Duration.ofHours(1));
			server.stop();

			// were it waited for, this would take the hour
			one.roles.unassign("alice", "reader", "admin").as(StepVerifier::create).expectNext(true).verifyComplete();
			one.roles.revoke("reader", "reports:read", "admin")
				.as(StepVerifier::create)
				.expectNext(true)
				.verifyComplete();

			assertThat(one.permits("bob", "reports:read")).isFalse();
		}
	}

	@Test
	void redisDownAtStartThenListensOnceItIsUp() {
		try (RedisServerProcess server = RedisServerProcess.start()) {
			RedisEndpoint endpoint = server.endpoint();
			ReactiveRedisConnectionFactory connections = this.redis.connect(endpoint);
			server.stop();

			Instance two = new Instance().startListening(connections);

			assertThat(two.invalidator.isRunning()).isTrue();
			assertThat(two.roles("alice")).containsExactly("reader");
			server.startAgain();
			two.awaitSubscribed();
			Instance one = new Instance().listening(endpoint);
			one.roles.unassign("alice", "reader", "admin").block(TIMEOUT);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(two.roles("alice")).isEmpty());
		}
	}

	@Test
	void stopThenNoLongerListens() {
		RedisEndpoint endpoint = TestRedis.endpoint();
		Instance one = new Instance().listening(endpoint);
		Instance two = new Instance().listening(endpoint);
		Instance three = new Instance().listening(endpoint);
		assertThat(two.roles("alice")).containsExactly("reader");
		assertThat(three.roles("alice")).containsExactly("reader");

		two.invalidator.stop();
		one.roles.unassign("alice", "reader", "admin").block(TIMEOUT);

		assertThat(two.invalidator.isRunning()).isFalse();
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(three.roles("alice")).isEmpty());
		assertThat(two.roles("alice")).containsExactly("reader");
	}

	/**
	 * An instance: its own connections to the shared database, its own cache, and, once
	 * listening, its own invalidator.
	 */
	private final class Instance {

		final CountingConnectionFactory database = new CountingConnectionFactory(
				RedisRbacCacheInvalidatorTests.this.database);

		final CachingReactiveRoleService roles = new CachingReactiveRoleService(
				new R2dbcRoleService(DatabaseClient.create(this.database), new R2dbcTransactionManager(this.database)),
				Duration.ofHours(1), 100);

		RedisRbacCacheInvalidator invalidator;

		private int kept;

		// started, subscribed, and past the forgetting that follows a subscription
		Instance listening(RedisEndpoint endpoint) {
			return startListening(RedisRbacCacheInvalidatorTests.this.redis.connect(endpoint)).awaitSubscribed();
		}

		Instance startListening(ReactiveRedisConnectionFactory connections) {
			this.invalidator = new RedisRbacCacheInvalidator(this.roles, connections,
					RedisRbacCacheInvalidatorTests.this.channel);
			this.invalidator.setResubscribeBackoff(Duration.ofMillis(50), Duration.ofMillis(200));
			roles("subscribed");
			this.kept = this.database.connections();
			this.invalidator.start();
			return this;
		}

		// a subscription forgets everything: an entry kept before is looked up again
		Instance awaitSubscribed() {
			await().atMost(TIMEOUT).until(() -> {
				roles("subscribed");
				return this.database.connections() > this.kept;
			});
			return this;
		}

		Set<String> roles(String slotId) {
			return this.roles.loadAuthorizations(slotId).block(TIMEOUT).roles();
		}

		boolean permits(String slotId, String permission) {
			return this.roles.loadAuthorizations(slotId).block(TIMEOUT).permissions().implies(permission);
		}

	}

}
