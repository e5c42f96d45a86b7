package com.altscodex.spring.autoconfigure.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;

import com.altscodex.spring.autoconfigure.AltsCodexAutoConfiguration;
import com.altscodex.spring.autoconfigure.AltsCodexWebFluxAutoConfiguration;
import com.altscodex.spring.autoconfigure.InvalidAltsCodexPropertyException;
import com.altscodex.spring.security.AltsCodexAuthorizedClientManager;
import com.altscodex.spring.security.AltsCodexLoginConfigurer;
import com.altscodex.spring.security.AltsCodexReactiveAuthenticationManager;
import com.altscodex.spring.security.AltsCodexUserService;
import com.altscodex.spring.security.DefaultAltsCodexUserService;
import com.altscodex.spring.security.ratelimit.SignInRateLimiter;

import static org.assertj.core.api.Assertions.assertThat;

class AltsCodexSecurityAutoConfigurationTests {

	private static final String[] CLIENT = { "altscodex.client-id=my-client", "altscodex.client-secret=s3cr3t-value",
			"altscodex.redirect-uri=https://app.example.com/getinfo" };

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AltsCodexAutoConfiguration.class,
				AltsCodexWebFluxAutoConfiguration.class, AltsCodexSecurityAutoConfiguration.class,
				WebClientAutoConfiguration.class, JacksonAutoConfiguration.class, WebFluxAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class))
		.withPropertyValues(CLIENT);

	@Test
	void springSecurityAndAClientThenSignInWithTheDefaultChainAndNoGeneratedUser() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(AltsCodexLoginConfigurer.class);
			assertThat(context).hasSingleBean(AltsCodexAuthorizedClientManager.class);
			assertThat(context).hasSingleBean(SignInRateLimiter.class);
			assertThat(context).hasSingleBean(AltsCodexReactiveAuthenticationManager.class);
			assertThat(context).getBeanNames(SecurityWebFilterChain.class)
				.containsExactly("altsCodexSecurityWebFilterChain");
			assertThat(context).doesNotHaveBean(MapReactiveUserDetailsService.class);
		});
	}

	@Test
	void applicationChainThenItIsTheOnlyChain() {
		this.contextRunner.withUserConfiguration(UserChain.class).run((context) -> {
			assertThat(context).getBeanNames(SecurityWebFilterChain.class).containsExactly("userChain");
			assertThat(context).hasSingleBean(AltsCodexLoginConfigurer.class);
		});
	}

	@Test
	void applicationUsersThenNoAuthenticationManagerBeanOfOurs() {
		this.contextRunner.withUserConfiguration(UserDetails.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(AltsCodexReactiveAuthenticationManager.class);
			assertThat(context).hasSingleBean(AltsCodexLoginConfigurer.class);
		});
	}

	@Test
	void applicationUserServiceThenUsedInstead() {
		this.contextRunner.withBean(AltsCodexUserService.class, DefaultAltsCodexUserService::new)
			.run((context) -> assertThat(context).hasSingleBean(AltsCodexUserService.class));
	}

	@Test
	void disabledThenNothingOfOurs() {
		this.contextRunner.withPropertyValues("altscodex.security.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(AltsCodexLoginConfigurer.class);
			assertThat(context).doesNotHaveBean("altsCodexSecurityWebFilterChain");
		});
	}

	@Test
	void rateLimitDisabledThenNoLimiter() {
		this.contextRunner.withPropertyValues("altscodex.security.rate-limit.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SignInRateLimiter.class));
	}

	@Test
	void noSpringSecurityThenNothingOfOurs() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ServerHttpSecurity.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AltsCodexLoginConfigurer.class));
	}

	@Test
	void noClientThenNothingOfOurs() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AltsCodexAutoConfiguration.class,
					AltsCodexWebFluxAutoConfiguration.class, AltsCodexSecurityAutoConfiguration.class,
					WebFluxAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AltsCodexLoginConfigurer.class));
	}

	@Test
	void pathWithoutSlashThenStartUpFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("altscodex.security.login-path=login").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidAltsCodexPropertyException.class, (ex) -> assertThat(ex.getProperty())
					.isEqualTo("altscodex.security.login-path"));
		});
	}

	@Test
	void zeroCapacityThenStartUpFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("altscodex.security.rate-limit.capacity=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidAltsCodexPropertyException.class, (ex) -> assertThat(ex.getProperty())
					.isEqualTo("altscodex.security.rate-limit.capacity"));
		});
	}

	@Test
	void unknownClientThenStartUpFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("altscodex.security.client=shop").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidAltsCodexPropertyException.class,
						(ex) -> assertThat(ex.getProperty()).isEqualTo("altscodex.security.client"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserChain {

		@Bean
		SecurityWebFilterChain userChain(ServerHttpSecurity http, AltsCodexLoginConfigurer altsCodexLogin) {
			return altsCodexLogin.configure(http)
				.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserDetails {

		@Bean
		ReactiveUserDetailsService users() {
			return new MapReactiveUserDetailsService(
					User.withUsername("admin").password("{noop}admin").roles("ADMIN").build());
		}

	}

}
