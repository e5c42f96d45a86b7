package com.altscodex.spring.autoconfigure.redis;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

import com.altscodex.spring.autoconfigure.AltsCodexAutoConfiguration;
import com.altscodex.spring.autoconfigure.InvalidAltsCodexPropertyException;
import com.altscodex.spring.client.pending.InMemoryPendingLoginRegistry;
import com.altscodex.spring.client.pending.PendingLoginRegistry;
import com.altscodex.spring.client.pending.redis.RedisPendingLoginRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which store of pending logins an application gets, from {@code altscodex.pending.*}.
 * Redis is not reached here: the connection factory connects on first use, and the
 * registry is not started by a context that is not refreshed as a web server.
 */
class AltsCodexRedisPendingAutoConfigurationTests {

	private static final String[] CLIENT = { "altscodex.client-id=my-client", "altscodex.client-secret=s3cr3t-value",
			"altscodex.redirect-uri=https://app.example.com/login/altscodex" };

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AltsCodexRedisPendingAutoConfiguration.class,
				AltsCodexAutoConfiguration.class, WebClientAutoConfiguration.class, JacksonAutoConfiguration.class,
				DataRedisAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class))
		.withPropertyValues(CLIENT)
		// a port nothing listens on: these tests never talk to Redis
		.withPropertyValues("spring.data.redis.port=1");

	@Test
	void noStoreSetThenPendingLoginsInMemory() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(PendingLoginRegistry.class)).isInstanceOf(InMemoryPendingLoginRegistry.class);
			assertThat(context).doesNotHaveBean(RedisPendingLoginRegistry.class);
		});
	}

	@Test
	void redisStoreThenRedisRegistryWithTheConfiguredPrefixAndInstanceId() {
		this.contextRunner
			.withPropertyValues("altscodex.pending.store=redis", "altscodex.pending.redis.key-prefix=shop:",
					"altscodex.pending.redis.instance-id=web-1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RedisPendingLoginRegistry registry = context.getBean(RedisPendingLoginRegistry.class);
				assertThat(context).hasSingleBean(PendingLoginRegistry.class);
				assertThat(registry.getInstanceId()).isEqualTo("web-1");
				assertThat(registry.getChannel()).isEqualTo("shop:pending:instance:web-1");
				assertThat(registry.key("some-state")).startsWith("shop:pending:").doesNotContain("some-state");
				assertThat(registry.storeMode()).isEqualTo("redis");
			});
	}

	@Test
	void redisStoreWithoutInstanceIdThenARandomOneEachStart() {
		this.contextRunner.withPropertyValues("altscodex.pending.store=redis").run((first) -> {
			String id = first.getBean(RedisPendingLoginRegistry.class).getInstanceId();
			this.contextRunner.withPropertyValues("altscodex.pending.store=redis")
				.run((second) -> assertThat(second.getBean(RedisPendingLoginRegistry.class).getInstanceId())
					.isNotEqualTo(id));
		});
	}

	@Test
	void applicationsOwnRegistryThenKept() {
		this.contextRunner.withPropertyValues("altscodex.pending.store=redis")
			.withUserConfiguration(OwnRegistry.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(PendingLoginRegistry.class)).isSameAs(OwnRegistry.REGISTRY);
			});
	}

	@Test
	void redisStoreWithoutRedisConnectionFactoryThenStartupFailsNamingTheProperty() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AltsCodexRedisPendingAutoConfiguration.class,
					AltsCodexAutoConfiguration.class, WebClientAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues(CLIENT)
			.withPropertyValues("altscodex.pending.store=redis")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidAltsCodexPropertyException.class)
				.hasMessageContaining("altscodex.pending.store")
				.hasMessageContaining("ReactiveRedisConnectionFactory"));
	}

	@Test
	void redisStoreWithoutSpringDataRedisThenStartupFailsNamingTheProperty() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveRedisConnectionFactory.class))
			.withPropertyValues("altscodex.pending.store=redis")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidAltsCodexPropertyException.class)
				.hasMessageContaining("altscodex.pending.store")
				.hasMessageContaining("Spring Data Redis is not on the classpath"));
	}

	@Test
	void unknownStoreThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("altscodex.pending.store=hazelcast")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidAltsCodexPropertyException.class)
				.hasMessageContaining("'hazelcast' is not a store")
				.satisfies((ex) -> assertThat(((InvalidAltsCodexPropertyException) ex).getProperty())
					.isEqualTo("altscodex.pending.store")));
	}

	@Test
	void invalidInstanceIdThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("altscodex.pending.store=redis", "altscodex.pending.redis.instance-id=a b")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidAltsCodexPropertyException.class)
				.satisfies((ex) -> assertThat(((InvalidAltsCodexPropertyException) ex).getProperty())
					.isEqualTo("altscodex.pending.redis.instance-id")));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistry {

		static final PendingLoginRegistry REGISTRY = new InMemoryPendingLoginRegistry();

		@Bean
		PendingLoginRegistry ownRegistry() {
			return REGISTRY;
		}

	}

}
