package com.altscodex.spring.autoconfigure.redis;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.security.core.session.InMemoryReactiveSessionRegistry;
import org.springframework.security.core.session.ReactiveSessionRegistry;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.security.SpringSessionBackedReactiveSessionRegistry;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;

import com.altscodex.spring.autoconfigure.AltsCodexAutoConfiguration;
import com.altscodex.spring.autoconfigure.AltsCodexWebFluxAutoConfiguration;
import com.altscodex.spring.autoconfigure.InvalidAltsCodexPropertyException;
import com.altscodex.spring.autoconfigure.security.AltsCodexSecurityAutoConfiguration;
import com.altscodex.spring.security.AltsCodexLoginConfigurer;
import com.altscodex.spring.security.ServerAltsCodexLoginRequestRepository;
import com.altscodex.spring.security.WebSessionServerAltsCodexLoginRequestRepository;
import com.altscodex.spring.testsupport.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

class AltsCodexRedisSessionAutoConfigurationTests {

	private static final String[] CLIENT = { "altscodex.client-id=my-client", "altscodex.client-secret=s3cr3t-value",
			"altscodex.redirect-uri=https://app.example.com/getinfo" };

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AltsCodexAutoConfiguration.class,
				AltsCodexWebFluxAutoConfiguration.class, AltsCodexSecurityAutoConfiguration.class,
				AltsCodexRedisSessionAutoConfiguration.class, SessionDataRedisAutoConfiguration.class,
				SessionAutoConfiguration.class, DataRedisAutoConfiguration.class,
				DataRedisReactiveAutoConfiguration.class, WebClientAutoConfiguration.class,
				JacksonAutoConfiguration.class, WebFluxAutoConfiguration.class, HttpHandlerAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class))
		.withPropertyValues(CLIENT);

	@Test
	void indexedRedisSessionsAndASessionLimitThenSpringSessionCountsTheSessions() {
		withRedis()
			.withPropertyValues("spring.session.data.redis.repository-type=indexed",
					"altscodex.security.max-sessions-per-user=2")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(ReactiveSessionRepository.class);
				assertThat(context).getBean(ReactiveSessionRegistry.class)
					.isInstanceOf(SpringSessionBackedReactiveSessionRegistry.class);
				assertThat(sessionRegistry(context.getBean(AltsCodexLoginConfigurer.class)))
					.isSameAs(context.getBean(ReactiveSessionRegistry.class));
			});
	}

	@Test
	void indexedRedisSessionsWithoutASessionLimitThenNoRegistry() {
		withRedis().withPropertyValues("spring.session.data.redis.repository-type=indexed").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(ReactiveSessionRegistry.class);
			assertThat(sessionRegistry(context.getBean(AltsCodexLoginConfigurer.class))).isNull();
		});
	}

	@Test
	void redisSessionsThenShortLivedSessionsForRedirectSignInsAndIdsWithoutIo() {
		withRedis().run((context) -> {
			assertThat(context).getBean(ServerAltsCodexLoginRequestRepository.class)
				.isInstanceOf(SharedSessionLoginRequestRepository.class);
			assertThat(context).getBean(SessionIdGenerator.class).isInstanceOf(DrbgSessionIdGenerator.class);
			assertThat(context.getBean(SessionIdGenerator.class).generate()).matches(
					"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
		});
	}

	@Test
	void redisSessionsWithoutIndexAndASessionLimitThenStartUpFailsNamingTheProperty() {
		withRedis().withPropertyValues("altscodex.security.max-sessions-per-user=2").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidAltsCodexPropertyException.class)
				.hasMessageContaining("'altscodex.security.max-sessions-per-user'")
				.satisfies((ex) -> assertThat(((InvalidAltsCodexPropertyException) ex).getAction())
					.contains("spring.session.data.redis.repository-type"));
		});
	}

	@Test
	void noSpringSessionThenSessionsInMemoryAndCountedInMemoryAsBefore() {
		withRedis().withClassLoader(new FilteredClassLoader("org.springframework.session"))
			.withPropertyValues("altscodex.security.max-sessions-per-user=2")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(AltsCodexRedisSessionAutoConfiguration.class);
				assertThat(context).getBean(WebSessionManager.class)
					.isInstanceOfSatisfying(DefaultWebSessionManager.class, (manager) -> assertThat(
							manager.getSessionStore()).isInstanceOf(InMemoryWebSessionStore.class));
				assertThat(sessionRegistry(context.getBean(AltsCodexLoginConfigurer.class)))
					.isInstanceOf(InMemoryReactiveSessionRegistry.class);
				assertThat(context).getBean(ServerAltsCodexLoginRequestRepository.class)
					.isInstanceOf(WebSessionServerAltsCodexLoginRequestRepository.class);
			});
	}

	private ReactiveWebApplicationContextRunner withRedis() {
		return this.contextRunner.withPropertyValues("spring.data.redis.url=" + TestRedis.endpoint().url(),
				"spring.session.data.redis.namespace=" + TestRedis.uniquePrefix("session-autoconfig") + "session");
	}

	private static Object sessionRegistry(AltsCodexLoginConfigurer configurer) {
		return ReflectionTestUtils.getField(configurer, "sessionRegistry");
	}

}
