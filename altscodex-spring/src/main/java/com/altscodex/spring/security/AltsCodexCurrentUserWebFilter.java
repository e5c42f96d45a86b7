package com.altscodex.spring.security;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.altscodex.spring.client.FailureKind;

/**
 * Answers {@code GET /me} (configurable): the signed-in AltsCodex user as
 * {@link SignedInUser}, or {@code 401} {@code application/problem+json}
 * ({@link FailureKind#NOT_SIGNED_IN}) for anyone else. A single-page application asks it
 * on load to know whether its session is still signed in.
 */
public final class AltsCodexCurrentUserWebFilter implements WebFilter {

	private final PathServerWebExchangeMatcher matcher;

	private final ServerAltsCodexProblemWriter writer;

	/**
	 * Creates a filter.
	 * @param path the path it answers
	 * @param writer writes the answers
	 */
	public AltsCodexCurrentUserWebFilter(String path, ServerAltsCodexProblemWriter writer) {
		Assert.hasText(path, "path cannot be empty");
		Assert.notNull(writer, "writer cannot be null");
		this.matcher = PathServerWebExchangeMatcher.of(HttpMethod.GET, path);
		this.writer = writer;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.matcher.test(exchange)) {
			return chain.filter(exchange);
		}
		return ReactiveSecurityContextHolder.getContext()
				.mapNotNull(SecurityContext::getAuthentication)
				.filter(Authentication::isAuthenticated)
				.mapNotNull((authentication) -> (authentication.getPrincipal() instanceof AltsCodexUser user)
						? SignedInUser.of(user) : null)
				.flatMap((user) -> this.writer.writeJson(exchange, user).thenReturn(Boolean.TRUE))
				.switchIfEmpty(Mono.defer(() -> this.writer.write(exchange, FailureKind.NOT_SIGNED_IN)
					.thenReturn(Boolean.TRUE)))
				.then();
	}

}
