package com.altscodex.spring.autoconfigure.security;

import java.util.function.BooleanSupplier;

import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.session.InMemoryReactiveSessionRegistry;
import org.springframework.security.core.session.ReactiveSessionRegistry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.authentication.InvalidateLeastUsedServerMaximumSessionsExceededHandler;
import org.springframework.security.web.server.authentication.PreventLoginServerMaximumSessionsExceededHandler;
import org.springframework.security.web.server.authentication.ServerMaximumSessionsExceededHandler;
import org.springframework.security.web.server.authentication.SessionLimit;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;

import com.altscodex.spring.autoconfigure.AltsCodexProperties;
import com.altscodex.spring.autoconfigure.AltsCodexWebFluxAutoConfiguration;
import com.altscodex.spring.autoconfigure.InvalidAltsCodexPropertyException;
import com.altscodex.spring.autoconfigure.redis.AltsCodexStores;
import com.altscodex.spring.autoconfigure.redis.RedisStoreUnavailableException;
import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.pat.PersonalAccessTokenConfigurer;
import com.altscodex.spring.rbac.RbacServerSecurityContextRepository;
import com.altscodex.spring.rbac.ReactiveRoleService;
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

	private static final String HEALTH_ENDPOINT = "org.springframework.boot.health.actuate.endpoint.HealthEndpoint";

	private static final String SPRING_SESSION_PACKAGE = "org.springframework.session.";

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
			ObjectProvider<SignInRateLimiter> rateLimiter, ObjectProvider<ReactiveSessionRegistry> sessionRegistry,
			ObjectProvider<WebSessionManager> webSessionManager, ObjectProvider<ReactiveRoleService> roleService,
			ObjectProvider<PersonalAccessTokenConfigurer> personalAccessTokens) {
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
		configurer.setSessionCapacity(sessionCapacity(webSessionManager.getIfAvailable()));
		Integer maxSessions = properties.getMaxSessionsPerUser();
		if (maxSessions != null) {
			configurer.setMaximumSessions(SessionLimit.of(maxSessions),
					sessionRegistry.getIfAvailable(() -> inMemorySessionRegistry(webSessionManager.getIfAvailable())),
					maximumSessionsExceededHandler(webSessionManager.getIfAvailable()));
		}
		// a signed-in user's roles join their authorities as their context is loaded, on every request
		roleService.ifAvailable((roles) -> configurer.setSecurityContextRepository(
				new RbacServerSecurityContextRepository(new WebSessionServerSecurityContextRepository(), roles)));
		personalAccessTokens.ifAvailable((tokens) -> configurer.addCustomizer(tokens::configure));
		return configurer;
	}

	// Spring's in-memory store answers a session beyond server.reactive.session.max-sessions
	// with a 500; its room is known, so sign-ins that need one more get a clear 503 instead
	private static @Nullable BooleanSupplier sessionCapacity(@Nullable WebSessionManager webSessionManager) {
		if (webSessionManager instanceof DefaultWebSessionManager sessions
				&& sessions.getSessionStore() instanceof InMemoryWebSessionStore store) {
			return () -> {
				if (store.getSessions().size() < store.getMaxSessions()) {
					return true;
				}
				store.removeExpiredSessions();
				return store.getSessions().size() < store.getMaxSessions();
			};
		}
		return null;
	}

	// sessions Spring Session keeps for every instance (in Redis) need its index by user, which
	// AltsCodexRedisSessionAutoConfiguration makes the registry of: this instance's count would not do
	private static ReactiveSessionRegistry inMemorySessionRegistry(@Nullable WebSessionManager webSessionManager) {
		if (webSessionManager instanceof DefaultWebSessionManager sessions
				&& sessions.getSessionStore().getClass().getName().startsWith(SPRING_SESSION_PACKAGE)) {
			throw new InvalidAltsCodexPropertyException("altscodex.security.max-sessions-per-user",
					"Property 'altscodex.security.max-sessions-per-user' limits the sessions of a user, but Spring"
							+ " Session keeps the sessions without an index of each user's sessions: each instance"
							+ " would count only the sign-ins it made.",
					"Set 'spring.session.data.redis.repository-type' to 'indexed', so that every instance counts a user's"
							+ " sessions, or remove 'altscodex.security.max-sessions-per-user'.");
		}
		return new InMemoryReactiveSessionRegistry();
	}

	// the least used session ends, where the session store is known; else the new sign-in fails
	private static ServerMaximumSessionsExceededHandler maximumSessionsExceededHandler(
			@Nullable WebSessionManager webSessionManager) {
		if (webSessionManager instanceof DefaultWebSessionManager sessions) {
			return new InvalidateLeastUsedServerMaximumSessionsExceededHandler(sessions.getSessionStore());
		}
		return new PreventLoginServerMaximumSessionsExceededHandler();
	}

	// Like Spring Boot's own default, which this one replaces: the health endpoint stays
	// open to load balancers and probes, whatever else the actuator exposes does not.
	@Bean
	@ConditionalOnMissingBean(SecurityWebFilterChain.class)
	SecurityWebFilterChain altsCodexSecurityWebFilterChain(ServerHttpSecurity http,
			AltsCodexLoginConfigurer altsCodexLogin) {
		altsCodexLogin.configure(http);
		if (ClassUtils.isPresent(HEALTH_ENDPOINT, AltsCodexSecurityAutoConfiguration.class.getClassLoader())) {
			http.authorizeExchange((exchanges) -> exchanges.matchers(HealthEndpointRequest.matcher()).permitAll());
		}
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated()).build();
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

		private static final String STORE = "altscodex.security.rate-limit.store";

		// AltsCodexRedisRateLimitAutoConfiguration, ordered before, makes the Redis one
		@Bean
		@ConditionalOnMissingBean
		SignInRateLimiter altsCodexSignInRateLimiter(AltsCodexSecurityProperties properties, Environment environment) {
			if (AltsCodexStores.isRedis(environment, STORE)) {
				throw new RedisStoreUnavailableException(STORE, "the sign-in rate limit",
						"com.bucket4j:bucket4j_jdk17-lettuce");
			}
			AltsCodexSecurityProperties.RateLimit rateLimit = properties.getRateLimit();
			return new InMemorySignInRateLimiter(rateLimit.getCapacity(), rateLimit.getRefillTokens(),
					rateLimit.getRefillPeriod(), rateLimit.getMaxClients());
		}

	}

	// loaded only when the actuator is there
	private static final class HealthEndpointRequest {

		static ServerWebExchangeMatcher matcher() {
			ServerWebExchangeMatcher health = EndpointRequest.to("health");
			// Boot's matcher describes itself at length, and the authorization manager's
			// DEBUG message asks for it on every request
			return new ServerWebExchangeMatcher() {

				@Override
				public Mono<MatchResult> matches(ServerWebExchange exchange) {
					return health.matches(exchange);
				}

				@Override
				public String toString() {
					return "the actuator's health endpoint";
				}

			};
		}

	}

}
