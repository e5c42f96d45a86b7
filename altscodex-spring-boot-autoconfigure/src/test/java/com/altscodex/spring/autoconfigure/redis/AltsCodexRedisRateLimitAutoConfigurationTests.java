package com.altscodex.spring.autoconfigure.redis;

import java.time.Duration;
import java.util.UUID;

import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.test.util.ReflectionTestUtils;

import com.altscodex.spring.autoconfigure.AltsCodexAutoConfiguration;
import com.altscodex.spring.autoconfigure.AltsCodexWebFluxAutoConfiguration;
import com.altscodex.spring.autoconfigure.InvalidAltsCodexPropertyException;
import com.altscodex.spring.autoconfigure.rbac.AltsCodexRbacAutoConfiguration;
import com.altscodex.spring.autoconfigure.rbac.PersonalAccessTokenFailureLimiter;
import com.altscodex.spring.autoconfigure.security.AltsCodexSecurityAutoConfiguration;
import com.altscodex.spring.pat.PersonalAccessTokenConfigurer;
import com.altscodex.spring.security.ratelimit.InMemorySignInRateLimiter;
import com.altscodex.spring.security.ratelimit.SignInRateLimiter;
import com.altscodex.spring.security.ratelimit.redis.RedisSignInRateLimiter;
import com.altscodex.spring.testsupport.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AltsCodexRedisRateLimitAutoConfigurationTests {

	private static final String[] CLIENT = { "altscodex.client-id=my-client", "altscodex.client-secret=s3cr3t-value",
			"altscodex.redirect-uri=https://app.example.com/getinfo" };

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AltsCodexAutoConfiguration.class,
				AltsCodexWebFluxAutoConfiguration.class, AltsCodexSecurityAutoConfiguration.class,
				AltsCodexRbacAutoConfiguration.class, AltsCodexRedisRateLimitAutoConfiguration.class,
				AltsCodexRedisPendingAutoConfiguration.class, DataRedisAutoConfiguration.class,
				DataRedisReactiveAutoConfiguration.class, R2dbcAutoConfiguration.class, WebClientAutoConfiguration.class,
				JacksonAutoConfiguration.class, WebFluxAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class))
		.withPropertyValues(CLIENT);

	@Test
	void noStoreSetThenBothLimitsInMemoryAsBefore() {
		withRedis().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).getBean(SignInRateLimiter.class).isInstanceOf(InMemorySignInRateLimiter.class);
			assertThat(context).doesNotHaveBean(PersonalAccessTokenFailureLimiter.class);
			assertThat(patFailureLimiter(context)).isInstanceOf(InMemorySignInRateLimiter.class);
		});
	}

	@Test
	void noRedisAndNoStoreSetThenBothLimitsInMemoryAsBefore() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Bucket4jLettuce.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).getBean(SignInRateLimiter.class).isInstanceOf(InMemorySignInRateLimiter.class);
			assertThat(patFailureLimiter(context)).isInstanceOf(InMemorySignInRateLimiter.class);
		});
	}

	@Test
	void signInStoreRedisThenSignInLimitInRedisAndTokensInMemory() {
		withRedis().withPropertyValues("altscodex.security.rate-limit.store=redis").run((context) -> {
			assertThat(context).getBean(SignInRateLimiter.class).isInstanceOf(RedisSignInRateLimiter.class);
			assertThat(context).doesNotHaveBean(PersonalAccessTokenFailureLimiter.class);
			assertThat(patFailureLimiter(context)).isInstanceOf(InMemorySignInRateLimiter.class);
		});
	}

	@Test
	void tokenStoreRedisThenTokenLimitInRedisAndSignInInMemory() {
		withRedis().withPropertyValues("altscodex.pat.failure-rate-limit.store=redis").run((context) -> {
			assertThat(context).getBean(SignInRateLimiter.class).isInstanceOf(InMemorySignInRateLimiter.class);
			assertThat(context).hasSingleBean(PersonalAccessTokenFailureLimiter.class);
			assertThat(patFailureLimiter(context)).isInstanceOf(RedisSignInRateLimiter.class)
				.isSameAs(context.getBean(PersonalAccessTokenFailureLimiter.class).limiter());
		});
	}

	@Test
	void pendingStoreRedisThenBothLimitsFollowIt() {
		withRedis().withPropertyValues("altscodex.pending.store=redis").run((context) -> {
			assertThat(context).getBean(SignInRateLimiter.class).isInstanceOf(RedisSignInRateLimiter.class);
			assertThat(patFailureLimiter(context)).isInstanceOf(RedisSignInRateLimiter.class);
		});
	}

	@Test
	void pendingStoreRedisAndOwnStoresMemoryThenBothLimitsInMemory() {
		withRedis()
			.withPropertyValues("altscodex.pending.store=redis", "altscodex.security.rate-limit.store=memory",
					"altscodex.pat.failure-rate-limit.store=memory")
			.run((context) -> {
				assertThat(context).getBean(SignInRateLimiter.class).isInstanceOf(InMemorySignInRateLimiter.class);
				assertThat(patFailureLimiter(context)).isInstanceOf(InMemorySignInRateLimiter.class);
			});
	}

	@Test
	void limitsDisabledThenNoLimiterWhateverTheStore() {
		withRedis()
			.withPropertyValues("altscodex.pending.store=redis", "altscodex.security.rate-limit.enabled=false",
					"altscodex.pat.failure-rate-limit.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(SignInRateLimiter.class);
				assertThat(context).doesNotHaveBean(PersonalAccessTokenFailureLimiter.class);
				assertThat(patFailureLimiter(context)).isNull();
			});
	}

	@Test
	void applicationLimiterThenUsedInsteadOfRedis() {
		SignInRateLimiter own = (key) -> reactor.core.publisher.Mono.just(SignInRateLimiter.Decision.ALLOWED);
		withRedis().withPropertyValues("altscodex.pending.store=redis")
			.withBean(SignInRateLimiter.class, () -> own)
			.run((context) -> assertThat(context).getBean(SignInRateLimiter.class).isSameAs(own));
	}

	@Test
	void signInStoreRedisWithoutRedisThenStartUpFailsNamingTheProperty() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("altscodex.security.rate-limit.store=redis")
			.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(RedisStoreUnavailableException.class)
				.hasMessageContaining("'altscodex.security.rate-limit.store'")
				.satisfies((ex) -> assertThat(((InvalidAltsCodexPropertyException) ex).getProperty())
					.isEqualTo("altscodex.security.rate-limit.store"));
		});
	}

	@Test
	void tokenStoreRedisWithoutBucket4jLettuceThenStartUpFailsNamingTheProperty() {
		withRedis().withClassLoader(new FilteredClassLoader(Bucket4jLettuce.class))
			.withPropertyValues("altscodex.pat.failure-rate-limit.store=redis")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(RedisStoreUnavailableException.class)
					.satisfies((ex) -> assertThat(((InvalidAltsCodexPropertyException) ex).getProperty())
						.isEqualTo("altscodex.pat.failure-rate-limit.store"));
			});
	}

	@Test
	void unknownStoreThenStartUpFailsNamingTheProperty() {
		withRedis().withPropertyValues("altscodex.security.rate-limit.store=mongo").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidAltsCodexPropertyException.class)
				.hasMessageContaining("'mongo' is not a store");
		});
	}

	@Test
	void twoApplicationsOnOneRedisThenOneSignInLimitBetweenThem() {
		String address = "198.51.100." + UUID.randomUUID();
		ReactiveWebApplicationContextRunner redis = withRedis().withPropertyValues(
				"altscodex.security.rate-limit.store=redis", "altscodex.security.rate-limit.capacity=3",
				"altscodex.security.rate-limit.refill-period=1h");
		redis.run((first) -> redis.run((second) -> {
			RedisSignInRateLimiter one = first.getBean(RedisSignInRateLimiter.class);
			RedisSignInRateLimiter other = second.getBean(RedisSignInRateLimiter.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> one.isConnected() && other.isConnected());
			assertThat(one.tryAcquire(address).block(Duration.ofSeconds(10)).allowed()).isTrue();
			assertThat(other.tryAcquire(address).block(Duration.ofSeconds(10)).allowed()).isTrue();
			assertThat(one.tryAcquire(address).block(Duration.ofSeconds(10)).allowed()).isTrue();
			assertThat(other.tryAcquire(address).block(Duration.ofSeconds(10)).allowed()).isFalse();
			assertThat(one.tryAcquire(address).block(Duration.ofSeconds(10)).allowed()).isFalse();
			assertThat(one.isRedisUnavailable()).isFalse();
		}));
	}

	private ReactiveWebApplicationContextRunner withRedis() {
		return this.contextRunner.withPropertyValues("spring.data.redis.url=" + TestRedis.endpoint().url());
	}

	private static Object patFailureLimiter(AssertableReactiveWebApplicationContext context) {
		return ReflectionTestUtils.getField(context.getBean(PersonalAccessTokenConfigurer.class), "failureLimiter");
	}

}
