package com.altscodex.spring.security;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * The {@link AuthenticationWebFilter} of an AltsCodex sign-in, like Spring Security's
 * {@code OAuth2LoginAuthenticationWebFilter}: once the manager has signed in, it keeps
 * the DeOAuth tokens with the {@link ServerAltsCodexAuthorizedClientRepository} and saves
 * an {@link AltsCodexAuthenticationToken}, which holds none, as the security context.
 * Saving it in the {@code WebSession} changes the session id (fixation protection).
 */
public final class AltsCodexLoginWebFilter extends AuthenticationWebFilter {

	private final ServerAltsCodexAuthorizedClientRepository authorizedClientRepository;

	private @Nullable PathServerWebExchangeMatcher signInRequests;

	/**
	 * Creates a filter.
	 * @param authenticationManager signs in {@link AltsCodexLoginAuthenticationToken}s
	 * @param authorizedClientRepository keeps the DeOAuth tokens
	 */
	public AltsCodexLoginWebFilter(ReactiveAuthenticationManager authenticationManager,
			ServerAltsCodexAuthorizedClientRepository authorizedClientRepository) {
		super(authenticationManager);
		Assert.notNull(authorizedClientRepository, "authorizedClientRepository cannot be null");
		this.authorizedClientRepository = authorizedClientRepository;
	}

	/**
	 * Sets the requests that are sign-ins of this filter. Any other request is let through
	 * at once, before Spring Security's filter builds its pipeline.
	 * @param signInRequests the sign-in requests
	 */
	public void setSignInRequests(PathServerWebExchangeMatcher signInRequests) {
		Assert.notNull(signInRequests, "signInRequests cannot be null");
		this.signInRequests = signInRequests;
		setRequiresAuthenticationMatcher(signInRequests);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.signInRequests != null && !this.signInRequests.test(exchange)) {
			return chain.filter(exchange);
		}
		return super.filter(exchange, chain);
	}

	@Override
	protected Mono<Void> onAuthenticationSuccess(Authentication authentication, WebFilterExchange webFilterExchange) {
		if (!(authentication instanceof AltsCodexLoginAuthenticationToken login) || login.getUser() == null
				|| login.getAuthorizedClient() == null) {
			return super.onAuthenticationSuccess(authentication, webFilterExchange);
		}
		AltsCodexAuthenticationToken signedIn = new AltsCodexAuthenticationToken(login.getUser());
		// before the context: saving it changes the session id, and the attributes move with it
		return this.authorizedClientRepository
			.saveAuthorizedClient(login.getAuthorizedClient(), signedIn, webFilterExchange.getExchange())
			.then(super.onAuthenticationSuccess(signedIn, webFilterExchange));
	}

}
