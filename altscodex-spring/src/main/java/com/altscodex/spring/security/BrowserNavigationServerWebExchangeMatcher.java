package com.altscodex.spring.security;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;

/**
 * Matches a browser navigating to a page, which a redirect to sign-in helps, as opposed
 * to an API call or a page's {@code fetch}, which wants a status it can read: a
 * {@code GET} that says {@code Sec-Fetch-Mode: navigate}, or, from a browser that sends
 * no fetch metadata, one that asks for {@code text/html} by name and is not an
 * {@code XMLHttpRequest}.
 */
public final class BrowserNavigationServerWebExchangeMatcher implements ServerWebExchangeMatcher {

	private static final String SEC_FETCH_MODE = "Sec-Fetch-Mode";

	@Override
	public Mono<MatchResult> matches(ServerWebExchange exchange) {
		return isNavigation(exchange.getRequest()) ? MatchResult.match() : MatchResult.notMatch();
	}

	private static boolean isNavigation(ServerHttpRequest request) {
		if (request.getMethod() != HttpMethod.GET) {
			return false;
		}
		HttpHeaders headers = request.getHeaders();
		String mode = headers.getFirst(SEC_FETCH_MODE);
		if (mode != null) {
			return "navigate".equals(mode);
		}
		if ("XMLHttpRequest".equals(headers.getFirst("X-Requested-With"))) {
			return false;
		}
		try {
			List<MediaType> accept = headers.getAccept();
			return accept.stream().anyMatch((type) -> type.equalsTypeAndSubtype(MediaType.TEXT_HTML));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
