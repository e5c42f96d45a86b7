package com.altscodex.spring.autoconfigure.redis;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

import com.altscodex.spring.autoconfigure.AltsCodexAutoConfiguration;
import com.altscodex.spring.autoconfigure.InvalidAltsCodexPropertyException;
import com.altscodex.spring.autoconfigure.OnAltsCodexClientCondition;
import com.altscodex.spring.client.pending.PendingLoginRegistry;
import com.altscodex.spring.client.pending.redis.RedisPendingLoginRegistry;

/**
 * Auto-configures the {@link RedisPendingLoginRegistry} when
 * {@code altscodex.pending.store=redis}, on the application's
 * {@link ReactiveRedisConnectionFactory} (Spring Boot's, from {@code spring.data.redis.*}),
 * so that a DeOAuth callback may land on any instance of the application.
 */
@AutoConfiguration(before = AltsCodexAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration")
@ConditionalOnClass({ ReactiveRedisConnectionFactory.class, RedisPendingLoginRegistry.class })
@ConditionalOnProperty(name = AltsCodexStores.PENDING_STORE_PROPERTY, havingValue = AltsCodexStores.REDIS)
@Conditional(OnAltsCodexClientCondition.class)
@EnableConfigurationProperties(AltsCodexPendingProperties.class)
public final class AltsCodexRedisPendingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(PendingLoginRegistry.class)
	RedisPendingLoginRegistry altsCodexPendingLoginRegistry(AltsCodexPendingProperties properties,
			ObjectProvider<ReactiveRedisConnectionFactory> connectionFactory) {
		ReactiveRedisConnectionFactory redis = connectionFactory.getIfAvailable();
		if (redis == null) {
			throw new InvalidAltsCodexPropertyException(AltsCodexStores.PENDING_STORE_PROPERTY,
					"Property '" + AltsCodexStores.PENDING_STORE_PROPERTY
							+ "' is 'redis', but the application has no ReactiveRedisConnectionFactory.",
					"Add spring-boot-starter-data-redis-reactive and point spring.data.redis.url at Redis, or set '"
							+ AltsCodexStores.PENDING_STORE_PROPERTY + "' to 'memory'.");
		}
		AltsCodexPendingProperties.Redis settings = properties.getRedis();
		RedisPendingLoginRegistry registry = new RedisPendingLoginRegistry(redis);
		registry.setKeyPrefix(required("key-prefix", settings.getKeyPrefix()));
		if (settings.getInstanceId() != null) {
			String instanceId = settings.getInstanceId();
			if (!instanceId.matches("[A-Za-z0-9._-]{1,64}")) {
				throw invalid("instance-id", "'" + instanceId + "' is not a valid instance id",
						"1 to 64 letters, digits, '.', '_' or '-', or leave it unset for a random id");
			}
			registry.setInstanceId(instanceId);
		}
		registry.setCommandTimeout(positive("command-timeout", settings.getCommandTimeout()));
		Duration margin = settings.getTimeToLiveMargin();
		if (margin == null || margin.isNegative()) {
			throw invalid("time-to-live-margin", "must not be negative", "a duration such as 30s");
		}
		registry.setTimeToLiveMargin(margin);
		return registry;
	}

	private static String required(String name, String value) {
		if (value == null || value.isBlank()) {
			throw invalid(name, "must not be empty", "a prefix such as 'myapp:altscodex:'");
		}
		return value;
	}

	private static Duration positive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw invalid(name, "must be positive", "a duration such as 2s");
		}
		return value;
	}

	private static InvalidAltsCodexPropertyException invalid(String name, String problem, String what) {
		String property = "altscodex.pending.redis." + name;
		return new InvalidAltsCodexPropertyException(property, "Property '" + property + "' " + problem + ".",
				"Set '" + property + "' to " + what + ".");
	}

}
