package com.altscodex.spring.autoconfigure.redis;

import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.security.config.web.server.ServerHttpSecurity;

import com.altscodex.spring.autoconfigure.rbac.AltsCodexPatProperties;
import com.altscodex.spring.autoconfigure.rbac.AltsCodexRbacAutoConfiguration;
import com.altscodex.spring.autoconfigure.rbac.PersonalAccessTokenFailureLimiter;
import com.altscodex.spring.autoconfigure.security.AltsCodexSecurityAutoConfiguration;
import com.altscodex.spring.autoconfigure.security.AltsCodexSecurityProperties;
import com.altscodex.spring.security.ratelimit.InMemorySignInRateLimiter;
import com.altscodex.spring.security.ratelimit.SignInRateLimiter;
import com.altscodex.spring.security.ratelimit.redis.RedisSignInRateLimiter;

/**
 * Auto-configures the rate limits that must hold across instances in Redis, on the
 * application's Lettuce connection factory: the sign-in limit per client address when
 * {@code altscodex.security.rate-limit.store} is {@code redis}, and the limit of invalid
 * personal access tokens per address when {@code altscodex.pat.failure-rate-limit.store}
 * is (each defaults to {@code altscodex.pending.store}). Each falls back to a limit of the
 * instance's own while Redis cannot answer ({@link RedisSignInRateLimiter}). Their keys
 * start with the application's prefix, {@code altscodex.pending.redis.key-prefix}.
 * <p>
 * A store set to {@code redis} without Redis fails the start-up, naming the property.
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration" },
		before = { AltsCodexSecurityAutoConfiguration.class, AltsCodexRbacAutoConfiguration.class })
@ConditionalOnClass({ LettuceConnectionFactory.class, Bucket4jLettuce.class, RedisSignInRateLimiter.class })
@ConditionalOnBean(LettuceConnectionFactory.class)
public final class AltsCodexRedisRateLimitAutoConfiguration {

	// after the application's prefix (altscodex.pending.redis.key-prefix, "altscodex:" by default)
	private static final String SIGN_IN_KEYS = "ratelimit:sign-in:";

	private static final String PAT_FAILURE_KEYS = "ratelimit:pat-failure:";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(ServerHttpSecurity.class)
	@ConditionalOnBooleanProperty(name = "altscodex.security.enabled", matchIfMissing = true)
	@ConditionalOnBooleanProperty(name = "altscodex.security.rate-limit.enabled", matchIfMissing = true)
	@ConditionalOnRedisStore("altscodex.security.rate-limit.store")
	@EnableConfigurationProperties({ AltsCodexSecurityProperties.class, AltsCodexPendingProperties.class })
	static class SignInRateLimitConfiguration {

		@Bean
		@ConditionalOnMissingBean(SignInRateLimiter.class)
		RedisSignInRateLimiter altsCodexSignInRateLimiter(LettuceConnectionFactory connectionFactory,
				AltsCodexSecurityProperties properties, AltsCodexPendingProperties pending) {
			AltsCodexSecurityProperties.RateLimit limit = properties.getRateLimit();
			return new RedisSignInRateLimiter(connectionFactory.getRequiredNativeClient(),
					pending.getRedis().getKeyPrefix() + SIGN_IN_KEYS,
					limit.getCapacity(), limit.getRefillTokens(), limit.getRefillPeriod(),
					new InMemorySignInRateLimiter(limit.getCapacity(), limit.getRefillTokens(), limit.getRefillPeriod(),
							limit.getMaxClients()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(ServerHttpSecurity.class)
	@ConditionalOnBooleanProperty(name = "altscodex.pat.enabled", matchIfMissing = true)
	@ConditionalOnBooleanProperty(name = "altscodex.pat.failure-rate-limit.enabled", matchIfMissing = true)
	@ConditionalOnRedisStore("altscodex.pat.failure-rate-limit.store")
	@EnableConfigurationProperties({ AltsCodexPatProperties.class, AltsCodexPendingProperties.class })
	static class PersonalAccessTokenFailureLimitConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PersonalAccessTokenFailureLimiter altsCodexPersonalAccessTokenFailureLimiter(
				LettuceConnectionFactory connectionFactory, AltsCodexPatProperties properties,
				AltsCodexPendingProperties pending) {
			AltsCodexPatProperties.FailureRateLimit limit = properties.getFailureRateLimit();
			return new PersonalAccessTokenFailureLimiter(new RedisSignInRateLimiter(
					connectionFactory.getRequiredNativeClient(), pending.getRedis().getKeyPrefix() + PAT_FAILURE_KEYS,
					limit.getCapacity(), limit.getRefillTokens(), limit.getRefillPeriod(),
					new InMemorySignInRateLimiter(limit.getCapacity(), limit.getRefillTokens(), limit.getRefillPeriod(),
							limit.getMaxClients())));
		}

	}

}
