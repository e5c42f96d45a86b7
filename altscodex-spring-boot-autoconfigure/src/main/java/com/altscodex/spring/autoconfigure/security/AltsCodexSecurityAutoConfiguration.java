package com.altscodex.spring.autoconfigure.security;

import io.github.bucket4j.Bucket;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.web.server.SecurityWebFilterChain;

import com.altscodex.spring.autoconfigure.AltsCodexProperties;
import com.altscodex.spring.autoconfigure.AltsCodexWebFluxAutoConfiguration;
import com.altscodex.spring.autoconfigure.InvalidAltsCodexPropertyException;
import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.security.AltsCodexAuthorizedClientManager;
import com.altscodex.spring.security.AltsCodexLoginConfigurer;
import com.altscodex.spring.security.AltsCodexReactiveAuthenticationManager;
import com.altscodex.spring.security.AltsCodexUserService;
import com.altscodex.spring.security.DefaultAltsCodexUserService;
import com.altscodex.spring.security.ServerAltsCodexAuthorizedClientRepository;
import com.altscodex.spring.security.ServerAltsCodexLoginRequestRepository;
import com.altscodex.spring.security.ServerAltsCodexProblemWriter;
import com.altscodex.spring.security.WebSessionServerAltsCodexAuthorizedClientRepository;
import com.altscodex.spring.security.WebSessionServerAltsCodexLoginRequestRepository;
import com.altscodex.spring.security.ratelimit.InMemorySignInRateLimiter;
import com.altscodex.spring.security.ratelimit.SignInRateLimiter;
import com.altscodex.spring.web.AltsCodexProblemDetails;
import com.altscodex.spring.web.ServerJsonWriter;

/**
 * Auto-configures AltsCodex sign-in on Spring Security in a reactive web application: an
 * {@link AltsCodexLoginConfigurer} bean that applies it to a {@link ServerHttpSecurity}
 * in one call, and, when the application defines no {@link SecurityWebFilterChain} of its
 * own, a default chain that requires a signed-in user for everything but the sign-in
 * endpoints and DeOAuth's callback. A chain of the application's is never replaced.
 */
@AutoConfiguration(after = AltsCodexWebFluxAutoConfiguration.class,
		beforeName = { "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ServerHttpSecurity.class, SecurityWebFilterChain.class })
@ConditionalOnBean({ AltsCodexClients.class, AltsCodexProblemDetails.class })
@ConditionalOnBooleanProperty(name = "altscodex.security.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AltsCodexSecurityProperties.class)
public final class AltsCodexSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AltsCodexUserService altsCodexUserService() {
		return new DefaultAltsCodexUserService();
	}

	@Bean
	@ConditionalOnMissingBean
	ServerAltsCodexAuthorizedClientRepository altsCodexAuthorizedClientRepository() {
		return new WebSessionServerAltsCodexAuthorizedClientRepository();
	}

	@Bean
	@ConditionalOnMissingBean
	ServerAltsCodexLoginRequestRepository altsCodexLoginRequestRepository() {
		return new WebSessionServerAltsCodexLoginRequestRepository();
	}

	@Bean
	@ConditionalOnMissingBean
	AltsCodexAuthorizedClientManager altsCodexAuthorizedClientManager(AltsCodexClients clients,
			ServerAltsCodexAuthorizedClientRepository authorizedClientRepository) {
		return new AltsCodexAuthorizedClientManager(clients, authorizedClientRepository);
	}

	@Bean
	@ConditionalOnMissingBean
	ServerAltsCodexProblemWriter altsCodexProblemWriter(AltsCodexProblemDetails problemDetails,
			ServerCodecConfigurer serverCodecConfigurer) {
		return new ServerAltsCodexProblemWriter(problemDetails, new ServerJsonWriter(serverCodecConfigurer.getWriters()));
	}

	@Bean
	@ConditionalOnMissingBean
	AltsCodexLoginConfigurer altsCodexLoginConfigurer(AltsCodexSecurityProperties properties, AltsCodexClients clients,
			ObjectProvider<AltsCodexReactiveAuthenticationManager> authenticationManager,
			AltsCodexUserService userService, ServerAltsCodexProblemWriter writer, ObjectProvider<JsonMapper> jsonMapper,
			ServerAltsCodexAuthorizedClientRepository authorizedClientRepository,
			ServerAltsCodexLoginRequestRepository loginRequestRepository,
			ObjectProvider<SignInRateLimiter> rateLimiter) {
		AltsCodexLoginConfigurer configurer = new AltsCodexLoginConfigurer(clients,
				authenticationManager.getIfAvailable(() -> new AltsCodexReactiveAuthenticationManager(clients, userService)),
				writer, jsonMapper.getIfAvailable(JsonMapper::shared));
		String client = properties.getClient();
		if (client != null) {
			if (clients.find(client).isEmpty()) {
				throw new InvalidAltsCodexPropertyException(
						"altscodex.security.client", "Property 'altscodex.security.client' names no client: '" + client
								+ "'; the clients are " + clients.names() + ".",
						"Set 'altscodex.security.client' to one of " + clients.names() + ", or remove it.");
			}
			configurer.setDefaultClientName(client);
		}
		else if (clients.find(AltsCodexProperties.DEFAULT_CLIENT_NAME).isPresent()) {
			configurer.setDefaultClientName(AltsCodexProperties.DEFAULT_CLIENT_NAME);
		}
		configurer.setLoginPath(properties.getLoginPath());
		configurer.setRedirectLoginPath(properties.getRedirectLoginPath());
		configurer.setLogoutPath(properties.getLogoutPath());
		configurer.setMePath(properties.getMePath());
		configurer.setSuccessUrl(properties.getSuccessUrl());
		configurer.setFailureUrl(properties.getFailureUrl());
		configurer.setSignInPage(properties.getSignInPage());
		configurer.setStateTimeToLive(properties.getStateTimeToLive());
		configurer.setDeOAuthLogoutTimeout(properties.getDeoauthLogoutTimeout());
		configurer.setAuthorizedClientRepository(authorizedClientRepository);
		configurer.setLoginRequestRepository(loginRequestRepository);
		configurer.setRateLimiter(rateLimiter.getIfAvailable());
		return configurer;
	}

	@Bean
	@ConditionalOnMissingBean(SecurityWebFilterChain.class)
	SecurityWebFilterChain altsCodexSecurityWebFilterChain(ServerHttpSecurity http,
			AltsCodexLoginConfigurer altsCodexLogin) {
		return altsCodexLogin.configure(http)
			.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
			.build();
	}

	// A bean, so that Boot creates no user with a generated password; not when the
	// application signs users in another way too, whose manager Spring Security would
	// then no longer find alone.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean({ ReactiveAuthenticationManager.class, ReactiveUserDetailsService.class })
	static class AuthenticationManagerConfiguration {

		@Bean
		AltsCodexReactiveAuthenticationManager altsCodexReactiveAuthenticationManager(AltsCodexClients clients,
				AltsCodexUserService userService) {
			return new AltsCodexReactiveAuthenticationManager(clients, userService);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Bucket.class)
	@ConditionalOnBooleanProperty(name = "altscodex.security.rate-limit.enabled", matchIfMissing = true)
	static class RateLimitConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SignInRateLimiter altsCodexSignInRateLimiter(AltsCodexSecurityProperties properties) {
			AltsCodexSecurityProperties.RateLimit rateLimit = properties.getRateLimit();
			return new InMemorySignInRateLimiter(rateLimit.getCapacity(), rateLimit.getRefillTokens(),
					rateLimit.getRefillPeriod(), rateLimit.getMaxClients());
		}

	}

}
