package com.altscodex.spring.autoconfigure.redis;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

import com.altscodex.spring.autoconfigure.InvalidAltsCodexPropertyException;
import com.altscodex.spring.autoconfigure.rbac.AltsCodexRbacAutoConfiguration;
import com.altscodex.spring.pat.CachingPersonalAccessTokenService;
import com.altscodex.spring.pat.redis.RedisPersonalAccessTokenCacheInvalidator;
import com.altscodex.spring.rbac.CachingReactiveRoleService;
import com.altscodex.spring.rbac.redis.RedisRbacCacheInvalidator;

/**
 * Auto-configures the invalidation of the role and token caches across instances over
 * Redis pub/sub: with {@code altscodex.rbac.cache.store=redis} (or
 * {@code altscodex.pending.store=redis}) a change to roles made on one instance is
 * forgotten by every other at once, and likewise a token revocation with
 * {@code altscodex.pat.cache.store=redis}. Applies to the caches
 * {@link AltsCodexRbacAutoConfiguration} makes, on the application's
 * {@link ReactiveRedisConnectionFactory}. Asking for Redis without a Redis connection
 * fails start-up rather than leave the caches of several instances apart.
 */
@AutoConfiguration(after = AltsCodexRbacAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration")
public final class AltsCodexRedisCacheInvalidationAutoConfiguration {

	private static final String RBAC_STORE_PROPERTY = "altscodex.rbac.cache.store";

	private static final String PAT_STORE_PROPERTY = "altscodex.pat.cache.store";

	private static final String REDIS_CONNECTION_FACTORY = "org.springframework.data.redis.connection.ReactiveRedisConnectionFactory";

	private static InvalidAltsCodexPropertyException noRedis(Environment environment, String property) {
		String own = environment.getProperty(property);
		String named = (own != null && !own.isBlank()) ? property : AltsCodexStores.PENDING_STORE_PROPERTY;
		return new InvalidAltsCodexPropertyException(named,
				"Property '" + named + "' keeps the caches of several instances in step over Redis, but the "
						+ "application has no Redis connection (no ReactiveRedisConnectionFactory bean).",
				"Add spring-boot-starter-data-redis-reactive and set 'spring.data.redis.url', or set '" + property
						+ "' to 'memory' to keep each instance's cache to itself.");
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = REDIS_CONNECTION_FACTORY)
	@ConditionalOnRedisStore(RBAC_STORE_PROPERTY)
	@ConditionalOnBean({ CachingReactiveRoleService.class, ReactiveRedisConnectionFactory.class })
	@EnableConfigurationProperties(AltsCodexRbacCacheInvalidationProperties.class)
	static class RoleCacheInvalidationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RedisRbacCacheInvalidator altsCodexRbacCacheInvalidator(CachingReactiveRoleService roleService,
				ReactiveRedisConnectionFactory connectionFactory, AltsCodexRbacCacheInvalidationProperties properties) {
			return new RedisRbacCacheInvalidator(roleService, connectionFactory, properties.getChannel());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = REDIS_CONNECTION_FACTORY)
	@ConditionalOnRedisStore(PAT_STORE_PROPERTY)
	@ConditionalOnBean({ CachingPersonalAccessTokenService.class, ReactiveRedisConnectionFactory.class })
	@EnableConfigurationProperties(AltsCodexPatCacheInvalidationProperties.class)
	static class TokenCacheInvalidationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RedisPersonalAccessTokenCacheInvalidator altsCodexPersonalAccessTokenCacheInvalidator(
				CachingPersonalAccessTokenService tokenService, ReactiveRedisConnectionFactory connectionFactory,
				AltsCodexPatCacheInvalidationProperties properties) {
			return new RedisPersonalAccessTokenCacheInvalidator(tokenService, connectionFactory,
					properties.getChannel());
		}

	}

	// a cache the store property puts on Redis, and no Redis to put it on
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnRedisStore(RBAC_STORE_PROPERTY)
	@ConditionalOnBean(CachingReactiveRoleService.class)
	@ConditionalOnMissingBean(type = REDIS_CONNECTION_FACTORY)
	static class RoleCacheWithoutRedisConfiguration {

		RoleCacheWithoutRedisConfiguration(Environment environment) {
			throw noRedis(environment, RBAC_STORE_PROPERTY);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnRedisStore(PAT_STORE_PROPERTY)
	@ConditionalOnBean(CachingPersonalAccessTokenService.class)
	@ConditionalOnMissingBean(type = REDIS_CONNECTION_FACTORY)
	static class TokenCacheWithoutRedisConfiguration {

		TokenCacheWithoutRedisConfiguration(Environment environment) {
			throw noRedis(environment, PAT_STORE_PROPERTY);
		}

	}

}
