package com.altscodex.spring.security;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Matches requests by method and path pattern, decided at once, for the requests the
 * AltsCodex filters look at.
 * <p>
 * Every request of the application passes through each of those filters, nearly all of
 * them to be let through. Spring Security's {@code pathMatchers(..)} answer through an
 * {@code OrServerWebExchangeMatcher}, which builds a {@code Flux} per request and logs
 * each matcher it tries; behind commons-logging's SLF4J bridge that message, and the
 * matchers' {@code toString()}, is formatted even when DEBUG is off. This matcher holds
 * its patterns parsed, answers with one of two constant results, and never logs.
 */
public final class PathServerWebExchangeMatcher implements ServerWebExchangeMatcher {

	private static final Mono<MatchResult> MATCH = MatchResult.match();

	private static final Mono<MatchResult> NO_MATCH = MatchResult.notMatch();

	private final List<Route> routes;

	private final String description;

	private PathServerWebExchangeMatcher(List<Route> routes) {
		this.routes = List.copyOf(routes);
		this.description = "Paths " + this.routes.stream().map(Route::toString).collect(Collectors.joining(", "));
	}

	/**
	 * A matcher of paths, for one method or any.
	 * @param method the method, or {@code null} for any
	 * @param patterns the path patterns, such as {@code /login/altscodex/*}
	 * @return the matcher
	 */
	public static PathServerWebExchangeMatcher of(@Nullable HttpMethod method, String... patterns) {
		Assert.notEmpty(patterns, "patterns must not be empty");
		List<Route> routes = new ArrayList<>();
		for (String pattern : patterns) {
			routes.add(new Route(method, PathPatternParser.defaultInstance.parse(pattern)));
		}
		return new PathServerWebExchangeMatcher(routes);
	}

	/**
	 * A matcher of the requests this one or another matches.
	 * @param other the other matcher
	 * @return the union
	 */
	public PathServerWebExchangeMatcher or(PathServerWebExchangeMatcher other) {
		List<Route> routes = new ArrayList<>(this.routes);
		routes.addAll(other.routes);
		return new PathServerWebExchangeMatcher(routes);
	}

	/**
	 * Whether a request matches, at once.
	 * @param exchange the request
	 * @return whether it matches
	 */
	public boolean test(ServerWebExchange exchange) {
		HttpMethod method = exchange.getRequest().getMethod();
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		for (Route route : this.routes) {
			if ((route.method() == null || route.method() == method) && route.pattern().matches(path)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public Mono<MatchResult> matches(ServerWebExchange exchange) {
		return test(exchange) ? MATCH : NO_MATCH;
	}

	@Override
	public String toString() {
		return this.description;
	}

	private record Route(@Nullable HttpMethod method, PathPattern pattern) {

		@Override
		public String toString() {
			return ((this.method != null) ? this.method.name() + " " : "") + this.pattern.getPatternString();
		}

	}

}
