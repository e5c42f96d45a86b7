package com.altscodex.spring.security.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.altscodex.spring.client.FailureKind;
import com.altscodex.spring.web.AltsCodexProblemDetails;
import com.altscodex.spring.web.ServerJsonWriter;

/**
 * Limits sign-in attempts per client address, before anything reaches DeOAuth: an attempt
 * beyond the {@link SignInRateLimiter}'s allowance is answered {@code 429}
 * {@code application/problem+json} ({@link FailureKind#SIGN_IN_RATE_LIMITED}) with
 * {@code Retry-After}, at once.
 * <p>
 * The key is the request's remote address: behind a proxy, that is the client's only
 * when the application trusts forwarded headers (Spring Boot's
 * {@code server.forward-headers-strategy}), which rewrite it. An IPv6 address counts by
 * its /64 prefix, which one subscriber usually holds whole.
 */
public final class SignInRateLimitWebFilter implements WebFilter {

	private static final String UNKNOWN = "unknown";

	private final ServerWebExchangeMatcher signInAttempts;

	private final SignInRateLimiter rateLimiter;

	private final AltsCodexProblemDetails problemDetails;

	private final ServerJsonWriter writer;

	private Function<ServerWebExchange, String> keyResolver = SignInRateLimitWebFilter::remoteAddressKey;

	/**
	 * Creates a filter.
	 * @param signInAttempts the requests that are sign-in attempts
	 * @param rateLimiter decides
	 * @param problemDetails words the refusals
	 * @param writer writes the refusals
	 */
	public SignInRateLimitWebFilter(ServerWebExchangeMatcher signInAttempts, SignInRateLimiter rateLimiter,
			AltsCodexProblemDetails problemDetails, ServerJsonWriter writer) {
		Assert.notNull(signInAttempts, "signInAttempts cannot be null");
		Assert.notNull(rateLimiter, "rateLimiter cannot be null");
		Assert.notNull(problemDetails, "problemDetails cannot be null");
		Assert.notNull(writer, "writer cannot be null");
		this.signInAttempts = signInAttempts;
		this.rateLimiter = rateLimiter;
		this.problemDetails = problemDetails;
		this.writer = writer;
	}

	/**
	 * Sets what a client is counted by. Defaults to its remote address (an IPv6 address
	 * by its /64 prefix).
	 * @param keyResolver the key of an exchange
	 */
	public void setKeyResolver(Function<ServerWebExchange, String> keyResolver) {
		Assert.notNull(keyResolver, "keyResolver cannot be null");
		this.keyResolver = keyResolver;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return this.signInAttempts.matches(exchange).flatMap((match) -> {
			if (!match.isMatch()) {
				return chain.filter(exchange);
			}
			return this.rateLimiter.tryAcquire(this.keyResolver.apply(exchange))
				.flatMap((decision) -> decision.allowed() ? chain.filter(exchange)
						: this.writer.writeProblem(exchange,
								this.problemDetails.problemFor(FailureKind.SIGN_IN_RATE_LIMITED), decision.retryAfter()));
		});
	}

	static String remoteAddressKey(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		InetAddress address = (remote != null) ? remote.getAddress() : null;
		if (address == null) {
			return UNKNOWN;
		}
		if (address instanceof Inet6Address) {
			byte[] bytes = address.getAddress();
			StringBuilder prefix = new StringBuilder("v6:");
			for (int i = 0; i < 8; i++) {
				prefix.append(String.format("%02x", bytes[i]));
			}
			return prefix.toString();
		}
		return address.getHostAddress();
	}

}
