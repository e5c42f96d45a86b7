package com.altscodex.spring.autoconfigure.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.api.async.RedisAsyncCommands;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;

import com.altscodex.spring.autoconfigure.InvalidAltsCodexPropertyException;
import com.altscodex.spring.autoconfigure.rbac.AltsCodexRbacAutoConfiguration;
import com.altscodex.spring.pat.CachingPersonalAccessTokenService;
import com.altscodex.spring.pat.PersonalAccessToken;
import com.altscodex.spring.pat.redis.RedisPersonalAccessTokenCacheInvalidator;
import com.altscodex.spring.rbac.CachingReactiveRoleService;
import com.altscodex.spring.rbac.redis.RedisRbacCacheInvalidator;
import com.altscodex.spring.testsupport.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link AltsCodexRedisCacheInvalidationAutoConfiguration} on the real Redis server of
 * the tests and Spring Boot's in-memory H2: which invalidators each store setting brings,
 * and two application contexts (two instances) kept in step through them.
 */
class AltsCodexRedisCacheInvalidationAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(R2dbcAutoConfiguration.class, AltsCodexRbacAutoConfiguration.class,
				DataRedisAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class,
				AltsCodexRedisCacheInvalidationAutoConfiguration.class));

	private ApplicationContextRunner onRedis() {
		return this.contextRunner.withPropertyValues("spring.data.redis.url=" + TestRedis.endpoint().url());
	}

	@Test
	void storesNotSetThenCachesOfTheirOwnAsBefore() {
		onRedis().run((context) -> {
			assertThat(context).hasSingleBean(CachingReactiveRoleService.class);
			assertThat(context).hasSingleBean(CachingPersonalAccessTokenService.class);
			assertThat(context).doesNotHaveBean(RedisRbacCacheInvalidator.class);
			assertThat(context).doesNotHaveBean(RedisPersonalAccessTokenCacheInvalidator.class);
		});
	}

	@Test
	void storesMemoryWithoutRedisThenCachesOfTheirOwn() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveRedisConnectionFactory.class))
			.withPropertyValues("altscodex.rbac.cache.store=memory", "altscodex.pat.cache.store=memory")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(CachingReactiveRoleService.class);
				assertThat(context).doesNotHaveBean(RedisRbacCacheInvalidator.class);
				assertThat(context).doesNotHaveBean(RedisPersonalAccessTokenCacheInvalidator.class);
			});
	}

	@Test
	void pendingStoreRedisThenBothCachesListenOnTheirDefaultChannels() {
		onRedis().withPropertyValues("altscodex.pending.store=redis").run((context) -> {
			assertThat(context).hasSingleBean(RedisRbacCacheInvalidator.class);
			assertThat(context).hasSingleBean(RedisPersonalAccessTokenCacheInvalidator.class);
			assertThat(context.getBean(RedisRbacCacheInvalidator.class).isRunning()).isTrue();
			assertThat(context.getBean(RedisPersonalAccessTokenCacheInvalidator.class).isRunning()).isTrue();
			assertThat(context.getBean(RedisRbacCacheInvalidator.class))
				.hasToString("RedisRbacCacheInvalidator[channel=" + RedisRbacCacheInvalidator.DEFAULT_CHANNEL + "]");
			assertThat(context.getBean(RedisPersonalAccessTokenCacheInvalidator.class)).hasToString(
					"RedisPersonalAccessTokenCacheInvalidator[channel="
							+ RedisPersonalAccessTokenCacheInvalidator.DEFAULT_CHANNEL + "]");
			assertThat(context.getBean(AltsCodexRbacCacheInvalidationProperties.class).getChannel())
				.isEqualTo(RedisRbacCacheInvalidator.DEFAULT_CHANNEL);
			assertThat(context.getBean(AltsCodexPatCacheInvalidationProperties.class).getChannel())
				.isEqualTo(RedisPersonalAccessTokenCacheInvalidator.DEFAULT_CHANNEL);
		});
	}

	@Test
	void rbacCacheStoreRedisThenOnlyRoles() {
		onRedis().withPropertyValues("altscodex.rbac.cache.store=redis").run((context) -> {
			assertThat(context).hasSingleBean(RedisRbacCacheInvalidator.class);
			assertThat(context).doesNotHaveBean(RedisPersonalAccessTokenCacheInvalidator.class);
		});
	}

	@Test
	void patCacheStoreRedisThenOnlyTokens() {
		onRedis().withPropertyValues("altscodex.pat.cache.store=redis").run((context) -> {
			assertThat(context).doesNotHaveBean(RedisRbacCacheInvalidator.class);
			assertThat(context).hasSingleBean(RedisPersonalAccessTokenCacheInvalidator.class);
		});
	}

	@Test
	void pendingStoreRedisAndRbacCacheMemoryThenOnlyTokens() {
		onRedis().withPropertyValues("altscodex.pending.store=redis", "altscodex.rbac.cache.store=memory")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RedisRbacCacheInvalidator.class);
				assertThat(context).hasSingleBean(RedisPersonalAccessTokenCacheInvalidator.class);
			});
	}

	@Test
	void rolesAndTokensDisabledThenNothingToInvalidate() {
		onRedis().withPropertyValues("altscodex.pending.store=redis", "altscodex.rbac.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(RedisRbacCacheInvalidator.class);
				assertThat(context).doesNotHaveBean(RedisPersonalAccessTokenCacheInvalidator.class);
			});
	}

	@Test
	void invalidatorsOfTheUserThenTheirs() {
		onRedis().withPropertyValues("altscodex.pending.store=redis")
			.withUserConfiguration(UserInvalidators.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisRbacCacheInvalidator.class);
				assertThat(context).hasSingleBean(RedisPersonalAccessTokenCacheInvalidator.class);
				assertThat(context).hasBean("userRbacCacheInvalidator");
				assertThat(context).hasBean("userTokenCacheInvalidator");
			});
	}

	@Test
	void rbacCacheStoreRedisWithoutRedisThenStartUpFailsNamingIt() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveRedisConnectionFactory.class))
			.withPropertyValues("altscodex.rbac.cache.store=redis")
			.run((context) -> {
				assertThat(context).getFailure().rootCause().isInstanceOf(InvalidAltsCodexPropertyException.class);
				InvalidAltsCodexPropertyException failure = (InvalidAltsCodexPropertyException) rootCause(context);
				assertThat(failure.getProperty()).isEqualTo("altscodex.rbac.cache.store");
				assertThat(failure.getAction()).contains("spring.data.redis.url");
			});
	}

	@Test
	void pendingStoreRedisWithoutRedisConnectionThenStartUpFailsNamingIt() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(R2dbcAutoConfiguration.class,
					AltsCodexRbacAutoConfiguration.class, AltsCodexRedisCacheInvalidationAutoConfiguration.class))
			.withPropertyValues("altscodex.pending.store=redis")
			.run((context) -> {
				InvalidAltsCodexPropertyException failure = (InvalidAltsCodexPropertyException) rootCause(context);
				assertThat(failure.getProperty()).isEqualTo(AltsCodexStores.PENDING_STORE_PROPERTY);
			});
	}

	@Test
	void storeNeitherMemoryNorRedisThenStartUpFailsNamingIt() {
		onRedis().withPropertyValues("altscodex.pat.cache.store=mongodb")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidAltsCodexPropertyException.class)
				.hasMessageContaining("'mongodb' is not a store"));
	}

	@Test
	void emptyChannelThenStartUpFailsNamingIt() {
		onRedis().withPropertyValues("altscodex.rbac.cache.store=redis", "altscodex.rbac.cache.channel= ")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidAltsCodexPropertyException.class)
				.hasMessageContaining("altscodex.rbac.cache.channel"));
	}

	@Test
	void twoInstancesThenAChangeOnOneIsSeenOnTheOtherAtOnce() {
		String prefix = TestRedis.uniquePrefix("invalidation-autoconfig");
		String rbacChannel = prefix + "rbac";
		String patChannel = prefix + "pat";
		ApplicationContextRunner instance = onRedis().withPropertyValues(
				"spring.r2dbc.url=r2dbc:h2:mem:///invalidation-" + UUID.randomUUID() + "?options=DB_CLOSE_DELAY=-1",
				"altscodex.store.initialize-schema=always", "altscodex.pending.store=redis",
				"altscodex.rbac.cache.channel=" + rbacChannel, "altscodex.pat.cache.channel=" + patChannel,
				"altscodex.rbac.cache.time-to-live=1h", "altscodex.pat.cache.time-to-live=1h",
				"altscodex.rbac.roles.reader.permissions=reports:read", "altscodex.rbac.bootstrap.reader=alice");
		instance.run((one) -> instance.run((two) -> {
			List<String> messages = new CopyOnWriteArrayList<>();
			ReactiveRedisMessageListenerContainer listener = new ReactiveRedisMessageListenerContainer(
					one.getBean(ReactiveRedisConnectionFactory.class));
			Disposable listening = listener.receiveLater(ChannelTopic.of(rbacChannel), ChannelTopic.of(patChannel))
				.block(TIMEOUT)
				.subscribe((message) -> messages.add(message.getMessage()));
			try {
				// both instances and this test
				await().atMost(TIMEOUT).untilAsserted(() -> {
					assertThat(subscribers(one, rbacChannel)).isEqualTo(3);
					assertThat(subscribers(one, patChannel)).isEqualTo(3);
				});
				CachingReactiveRoleService rolesOne = one.getBean(CachingReactiveRoleService.class);
				CachingReactiveRoleService rolesTwo = two.getBean(CachingReactiveRoleService.class);
				CachingPersonalAccessTokenService tokensOne = one.getBean(CachingPersonalAccessTokenService.class);
				CachingPersonalAccessTokenService tokensTwo = two.getBean(CachingPersonalAccessTokenService.class);
				assertThat(rolesTwo.loadAuthorizations("alice").block(TIMEOUT).roles()).containsExactly("reader");
				String raw = tokensOne.create("alice", "ci", List.of("reports:read"), null).block(TIMEOUT).rawToken();
				PersonalAccessToken token = tokensTwo.resolve(raw).block(TIMEOUT);
				assertThat(token).isNotNull();

				rolesOne.unassign("alice", "reader", "admin").block(TIMEOUT);
				tokensOne.revoke("alice", token.id()).block(TIMEOUT);

				await().atMost(TIMEOUT).untilAsserted(() -> {
					assertThat(rolesTwo.loadAuthorizations("alice").block(TIMEOUT).roles()).isEmpty();
					assertThat(tokensTwo.resolve(raw).block(TIMEOUT)).isNull();
				});
				assertThat(messages).hasSize(2).anySatisfy((message) -> assertThat(message).endsWith(" user:alice"))
					.anySatisfy((message) -> assertThat(message).endsWith(" token:" + token.id()));
			}
			finally {
				listening.dispose();
				listener.destroyLater().block(TIMEOUT);
			}
		}));
	}

	private static Throwable rootCause(AssertableApplicationContext context) {
		Throwable failure = context.getStartupFailure();
		assertThat(failure).isNotNull();
		while (failure.getCause() != null) {
			failure = failure.getCause();
		}
		return failure;
	}

	// blocks: for the test's thread only
	@SuppressWarnings("unchecked")
	private static long subscribers(AssertableApplicationContext context, String channel) throws Exception {
		try (RedisConnection connection = context.getBean(RedisConnectionFactory.class).getConnection()) {
			RedisAsyncCommands<byte[], byte[]> commands = (RedisAsyncCommands<byte[], byte[]>) connection
				.getNativeConnection();
			Map<byte[], Long> answer = commands.pubsubNumsub(channel.getBytes(StandardCharsets.UTF_8))
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			return answer.values().iterator().next();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UserInvalidators {

		@Bean
		RedisRbacCacheInvalidator userRbacCacheInvalidator(CachingReactiveRoleService roleService,
				ReactiveRedisConnectionFactory connectionFactory) {
			return new RedisRbacCacheInvalidator(roleService, connectionFactory, "user:rbac");
		}

		@Bean
		RedisPersonalAccessTokenCacheInvalidator userTokenCacheInvalidator(
				CachingPersonalAccessTokenService tokenService, ReactiveRedisConnectionFactory connectionFactory) {
			return new RedisPersonalAccessTokenCacheInvalidator(tokenService, connectionFactory, "user:pat");
		}

	}

}
