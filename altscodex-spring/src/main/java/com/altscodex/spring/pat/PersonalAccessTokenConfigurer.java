package com.altscodex.spring.pat;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

import com.altscodex.spring.security.ServerAltsCodexProblemWriter;
import com.altscodex.spring.security.ratelimit.SignInRateLimitWebFilter;
import com.altscodex.spring.security.ratelimit.SignInRateLimiter;

/**
 * Lets requests authenticate with {@code Authorization: Bearer altscodex_pat_...} on a
 * chain: Spring Security's bearer-token shape, a converter
 * ({@link ServerPersonalAccessTokenAuthenticationConverter}), a manager
 * ({@link PersonalAccessTokenReactiveAuthenticationManager}) and a failure handler
 * ({@link PersonalAccessTokenAuthenticationFailureHandler}) in an
 * {@link AuthenticationWebFilter} that keeps nothing: the authentication lasts one request
 * and makes no session. Requests without such a header pass at once.
 */
public final class PersonalAccessTokenConfigurer {

	private final ReactiveAuthenticationManager authenticationManager;

	private final ServerAltsCodexProblemWriter writer;

	private @Nullable SignInRateLimiter failureLimiter;

	private Function<ServerWebExchange, String> keyResolver = SignInRateLimitWebFilter::remoteAddressKey;

	/**
	 * Creates a configurer.
	 * @param authenticationManager authenticates tokens, usually a
	 * {@link PersonalAccessTokenReactiveAuthenticationManager}
	 * @param writer writes the failures
	 */
	public PersonalAccessTokenConfigurer(ReactiveAuthenticationManager authenticationManager,
			ServerAltsCodexProblemWriter writer) {
		Assert.notNull(authenticationManager, "authenticationManager cannot be null");
		Assert.notNull(writer, "writer cannot be null");
		this.authenticationManager = authenticationManager;
		this.writer = writer;
	}

	/**
	 * Sets the limiter of invalid tokens per client address. Defaults to none.
	 * @param failureLimiter the limiter, or {@code null}
	 */
	public void setFailureLimiter(@Nullable SignInRateLimiter failureLimiter) {
		this.failureLimiter = failureLimiter;
	}

	/**
	 * Sets what a client is counted by. Defaults to its remote address.
	 * @param keyResolver the key of an exchange
	 */
	public void setKeyResolver(Function<ServerWebExchange, String> keyResolver) {
		Assert.notNull(keyResolver, "keyResolver cannot be null");
		this.keyResolver = keyResolver;
	}

	/**
	 * Applies token authentication to a chain under construction. The auto-configuration
	 * has {@code AltsCodexLoginConfigurer} apply it; it is deliberately not a
	 * {@code Customizer<ServerHttpSecurity>}, which as a bean Spring Security would apply
	 * to every chain.
	 * @param http the chain's builder
	 * @return the same builder
	 */
	public ServerHttpSecurity configure(ServerHttpSecurity http) {
		ServerPersonalAccessTokenAuthenticationConverter converter = new ServerPersonalAccessTokenAuthenticationConverter();
		converter.setFailureLimiter(this.failureLimiter);
		converter.setKeyResolver(this.keyResolver);
		PersonalAccessTokenAuthenticationFailureHandler failureHandler = new PersonalAccessTokenAuthenticationFailureHandler(
				this.writer);
		failureHandler.setFailureLimiter(this.failureLimiter);
		failureHandler.setKeyResolver(this.keyResolver);
		AuthenticationWebFilter filter = new AuthenticationWebFilter(this.authenticationManager);
		filter.setRequiresAuthenticationMatcher(new PersonalAccessTokenRequests());
		filter.setServerAuthenticationConverter(converter);
		filter.setAuthenticationFailureHandler(failureHandler);
		filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
		return http.addFilterAt(filter, SecurityWebFiltersOrder.AUTHENTICATION);
	}

	/**
	 * The requests that carry a personal access token, decided from one header without
	 * Spring Security's logging matchers: every request passes.
	 */
	private static final class PersonalAccessTokenRequests implements ServerWebExchangeMatcher {

		private static final Mono<MatchResult> MATCH = MatchResult.match();

		private static final Mono<MatchResult> NO_MATCH = MatchResult.notMatch();

		@Override
		public Mono<MatchResult> matches(ServerWebExchange exchange) {
			return (ServerPersonalAccessTokenAuthenticationConverter.bearerToken(exchange) != null) ? MATCH : NO_MATCH;
		}

		@Override
		public String toString() {
			return "requests with a personal access token";
		}

	}

}
