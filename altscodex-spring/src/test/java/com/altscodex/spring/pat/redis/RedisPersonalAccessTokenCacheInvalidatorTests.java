package com.altscodex.spring.pat.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;

import com.altscodex.spring.cache.redis.RedisCacheInvalidationChannel;
import com.altscodex.spring.cache.redis.TestRedisConnections;
import com.altscodex.spring.pat.CachingPersonalAccessTokenService;
import com.altscodex.spring.pat.PersonalAccessToken;
import com.altscodex.spring.pat.PersonalAccessTokenCodec;
import com.altscodex.spring.pat.r2dbc.R2dbcPersonalAccessTokenService;
import com.altscodex.spring.testsupport.r2dbc.CountingConnectionFactory;
import com.altscodex.spring.testsupport.r2dbc.TestDatabases;
import com.altscodex.spring.testsupport.redis.RedisEndpoint;
import com.altscodex.spring.testsupport.redis.RedisServerProcess;
import com.altscodex.spring.testsupport.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Token caches of instances sharing one database (a real, in-memory H2) and one Redis
 * server (a real one) kept in step by {@link RedisPersonalAccessTokenCacheInvalidator}:
 * each instance keeps resolved tokens for an hour, so only the invalidation can make
 * another instance refuse a revoked token; an instance without an invalidator shows what
 * it would otherwise accept.
 */
class RedisPersonalAccessTokenCacheInvalidatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String SENDER = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} ";

	private final TestRedisConnections redis = new TestRedisConnections();

	private final String channel = TestRedis.uniquePrefix("pat-invalidation") + "pat";

	private ConnectionFactory database;

	private String sentinel;

	@BeforeEach
	void newDatabase() {
		this.database = TestDatabases.h2("pat-invalidation-" + UUID.randomUUID());
		TestDatabases.applySchema(this.database, R2dbcPersonalAccessTokenService.SCHEMA_LOCATION_PATTERN,
				TestDatabases.H2);
		this.sentinel = new Instance().create("sentinel");
	}

	@AfterEach
	void close() {
		this.redis.close();
	}

	@Test
	void revokeOnOneInstanceThenTheOtherRefusesTheTokenAtOnce() {
		RedisEndpoint endpoint = TestRedis.endpoint();
		Instance one = new Instance().listening(endpoint);
		Instance two = new Instance().listening(endpoint);
		Instance alone = new Instance();
		String raw = one.create("alice");
		String other = one.create("alice");
		PersonalAccessToken token = two.resolve(raw);
		assertThat(token).isNotNull();
		assertThat(two.resolve(other)).isNotNull();
		assertThat(alone.resolve(raw)).isNotNull();

		assertThat(one.tokens.revoke("alice", token.id()).block(TIMEOUT)).isTrue();

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(two.resolve(raw)).isNull());
		assertThat(two.resolve(other)).as("another token").isNotNull();
		assertThat(alone.resolve(raw)).as("kept without an invalidator").isNotNull();
	}

	@Test
	void revokeAllOnOneInstanceThenTheOtherRefusesEveryTokenOfTheOwner() {
		RedisEndpoint endpoint = TestRedis.endpoint();
		Instance one = new Instance().listening(endpoint);
		Instance two = new Instance().listening(endpoint);
		Instance alone = new Instance();
		String first = one.create("alice");
		String second = one.create("alice");
		String bobs = one.create("bob");
		assertThat(two.resolve(first)).isNotNull();
		assertThat(two.resolve(second)).isNotNull();
		assertThat(two.resolve(bobs)).isNotNull();
		assertThat(alone.resolve(first)).isNotNull();

		assertThat(one.tokens.revokeAll("alice").block(TIMEOUT)).isEqualTo(2);

		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(two.resolve(first)).isNull();
			assertThat(two.resolve(second)).isNull();
		});
		assertThat(two.resolve(bobs)).as("another owner's").isNotNull();
		assertThat(alone.resolve(first)).as("kept without an invalidator").isNotNull();
	}

	@Test
	void revocationsThenMessagesNameIdsNeverTheTokenNorItsHash() {
		RedisEndpoint endpoint = TestRedis.endpoint();
		List<String> messages = this.redis.listen(endpoint, this.channel);
		Instance one = new Instance().listening(endpoint);
		String raw = one.create("alice");
		one.create("alice");
		PersonalAccessToken token = one.resolve(raw);

		one.tokens.revoke("alice", token.id()).block(TIMEOUT);
		one.tokens.revoke("alice", token.id()).block(TIMEOUT);
		one.tokens.revokeAll("alice").block(TIMEOUT);
		one.tokens.revokeAll("alice").block(TIMEOUT);

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(messages).hasSize(2));
		assertThat(messages.get(0)).matches(SENDER + "token:\\Q" + token.id() + "\\E");
		assertThat(messages.get(1)).matches(SENDER + "owner:alice");
		assertThat(String.join("\n", messages)).doesNotContain(raw)
			.doesNotContain(raw.substring(PersonalAccessTokenCodec.PREFIX.length(), 30))
			.doesNotContain(PersonalAccessTokenCodec.hash(raw));
	}

	@Test
	void redisStoppedThenRevocationSucceedsAndWhenBackTheOtherInstanceForgetsWhatItMissed() {
		try (RedisServerProcess server = RedisServerProcess.start()) {
			List<String> warnings = this.redis.warnings(RedisCacheInvalidationChannel.class);
			RedisEndpoint endpoint = server.endpoint();
			Instance one = new Instance().listening(endpoint);
			one.invalidator.setPublishTimeout(Duration.ofMillis(500));
			Instance two = new Instance().listening(endpoint);
			String raw = one.create("alice");
			PersonalAccessToken token = two.resolve(raw);
			assertThat(token).isNotNull();

			server.stop();
			one.tokens.revoke("alice", token.id()).as(StepVerifier::create).expectNext(true).verifyComplete();

			assertThat(two.resolve(raw)).as("the message is lost").isNotNull();
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(warnings).anySatisfy(
					(warning) -> assertThat(warning).contains("Could not tell other instances of a change")));
			assertThat(String.join("\n", warnings)).doesNotContain(raw)
				.doesNotContain(PersonalAccessTokenCodec.hash(raw));

			server.startAgain();
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(two.resolve(raw)).isNull());
		}
	}

	/**
	 * An instance: its own connections to the shared database, its own cache, and, once
	 * listening, its own invalidator.
	 */
	private final class Instance {

		final CountingConnectionFactory database = new CountingConnectionFactory(
				RedisPersonalAccessTokenCacheInvalidatorTests.this.database);

		final CachingPersonalAccessTokenService tokens = new CachingPersonalAccessTokenService(
				new R2dbcPersonalAccessTokenService(DatabaseClient.create(this.database),
						new R2dbcTransactionManager(this.database)),
				Duration.ofHours(1), 100);

		RedisPersonalAccessTokenCacheInvalidator invalidator;

		// started, subscribed, and past the forgetting that follows a subscription
		Instance listening(RedisEndpoint endpoint) {
			this.invalidator = new RedisPersonalAccessTokenCacheInvalidator(this.tokens,
					RedisPersonalAccessTokenCacheInvalidatorTests.this.redis.connect(endpoint),
					RedisPersonalAccessTokenCacheInvalidatorTests.this.channel);
			this.invalidator.setResubscribeBackoff(Duration.ofMillis(50), Duration.ofMillis(200));
			String sentinel = RedisPersonalAccessTokenCacheInvalidatorTests.this.sentinel;
			resolve(sentinel);
			int kept = this.database.connections();
			this.invalidator.start();
			await().atMost(TIMEOUT).until(() -> {
				resolve(sentinel);
				return this.database.connections() > kept;
			});
			return this;
		}

		String create(String owner) {
			return this.tokens.create(owner, "ci", List.of("reports:read"), null).block(TIMEOUT).rawToken();
		}

		PersonalAccessToken resolve(String raw) {
			return this.tokens.resolve(raw).block(TIMEOUT);
		}

	}

}
