package com.altscodex.spring.autoconfigure.redis;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.security.core.session.ReactiveSessionRegistry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.session.ReactiveFindByIndexNameSessionRepository;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.security.SpringSessionBackedReactiveSessionRegistry;

import com.altscodex.spring.autoconfigure.security.AltsCodexSecurityAutoConfiguration;
import com.altscodex.spring.autoconfigure.security.AltsCodexSecurityProperties;
import com.altscodex.spring.security.ServerAltsCodexLoginRequestRepository;

/**
 * Makes AltsCodex sign-in right for sessions that Spring Session keeps in Redis, shared by
 * every instance (Spring Boot's {@code spring-boot-session-data-redis}): with
 * {@code altscodex.security.max-sessions-per-user}, a user's sessions are counted and
 * ended across instances through Spring Session's index of sessions by user
 * ({@code spring.session.data.redis.repository-type=indexed}); and the shared connection that
 * Spring Data Redis opens, blocking, at its first use is opened at start-up rather than on
 * the first request's thread, as are session ids ({@link DrbgSessionIdGenerator}). The
 * session that an anonymous caller's redirect sign-in starts lives only as long as the
 * sign-in's state ({@code altscodex.security.state-time-to-live}), so that callers who
 * never come back cannot fill Redis; nothing else an anonymous caller does makes a
 * session.
 * <p>
 * Sign-out needs nothing more: ending the {@code WebSession} deletes it from Redis, so no
 * instance honours it afterwards.
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration",
				"org.springframework.boot.session.autoconfigure.SessionAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" },
		before = AltsCodexSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ReactiveSessionRepository.class, ReactiveSessionRegistry.class })
@ConditionalOnBean(ReactiveSessionRepository.class)
public final class AltsCodexRedisSessionAutoConfiguration {

	private static final Log logger = LogFactory.getLog(AltsCodexRedisSessionAutoConfiguration.class);

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(LettuceConnectionFactory.class)
	@ConditionalOnBean(LettuceConnectionFactory.class)
	static class ConnectionConfiguration {

		@Bean
		SmartInitializingSingleton altsCodexRedisSessionConnectionOpener(
				ObjectProvider<LettuceConnectionFactory> connectionFactory) {
			return () -> connectionFactory.ifAvailable((factory) -> {
				if (!factory.getShareNativeConnection()) {
					return;
				}
				try {
					ReactiveRedisConnection connection = factory.getReactiveConnection();
					// closing it leaves the shared connection open
					connection.close();
				}
				catch (RuntimeException ex) {
					// Lettuce reconnects a connection it once had; one never opened is opened at first use
					logger.warn("Redis cannot be reached at start-up; sessions cannot be kept until it can: " + ex);
				}
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SecurityWebFilterChain.class)
	@ConditionalOnBooleanProperty(name = "altscodex.security.enabled", matchIfMissing = true)
	@EnableConfigurationProperties(AltsCodexSecurityProperties.class)
	static class LoginRequestConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ServerAltsCodexLoginRequestRepository altsCodexLoginRequestRepository(AltsCodexSecurityProperties properties) {
			return new SharedSessionLoginRequestRepository(properties.getStateTimeToLive());
		}

	}

	@Bean
	@ConditionalOnMissingBean
	SessionIdGenerator altsCodexSessionIdGenerator() {
		return new DrbgSessionIdGenerator();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SpringSessionBackedReactiveSessionRegistry.class)
	@ConditionalOnBean(ReactiveFindByIndexNameSessionRepository.class)
	@ConditionalOnProperty("altscodex.security.max-sessions-per-user")
	static class SessionRegistryConfiguration {

		@Bean
		@ConditionalOnMissingBean(ReactiveSessionRegistry.class)
		SpringSessionBackedReactiveSessionRegistry<?> altsCodexSessionRegistry(ReactiveSessionRepository<?> sessions,
				ReactiveFindByIndexNameSessionRepository<?> index) {
			return registry(sessions, index);
		}

		// Spring Session's indexed repository is both, of one session type
		@SuppressWarnings("unchecked")
		private static <S extends Session> SpringSessionBackedReactiveSessionRegistry<S> registry(
				ReactiveSessionRepository<?> sessions, ReactiveFindByIndexNameSessionRepository<S> index) {
			return new SpringSessionBackedReactiveSessionRegistry<>((ReactiveSessionRepository<S>) sessions, index);
		}

	}

}
