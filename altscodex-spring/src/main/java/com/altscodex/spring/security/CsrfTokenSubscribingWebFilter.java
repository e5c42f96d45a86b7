package com.altscodex.spring.security;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Makes sure every answer carries the CSRF cookie a single-page application echoes. In
 * WebFlux the token is loaded, and a new one's cookie written, only when something
 * subscribes to it: a server-rendered form does, a static page and its {@code fetch}
 * calls do not. Placed after Spring Security's {@code CsrfWebFilter}, which exposes the
 * token as an exchange attribute.
 */
public final class CsrfTokenSubscribingWebFilter implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		return (token != null && !hasBearerToken(exchange)) ? token.then(chain.filter(exchange))
				: chain.filter(exchange);
	}

	// a script with a bearer token has no page to hand a CSRF token to, and needs none:
	// making one for each of its requests would only cost a random draw and a cookie;
	// nor can a forged browser request carry one, so CSRF protection skips them too
	static boolean hasBearerToken(ServerWebExchange exchange) {
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
	}

}
