package com.altscodex.spring.pat;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

import com.altscodex.spring.client.FailureKind;
import com.altscodex.spring.security.AltsCodexAuthenticationException;
import com.altscodex.spring.security.ratelimit.SignInRateLimitWebFilter;
import com.altscodex.spring.security.ratelimit.SignInRateLimiter;

/**
 * Reads {@code Authorization: Bearer altscodex_pat_...} into a
 * {@link PersonalAccessTokenAuthenticationToken}. A request with no such header, or with
 * another bearer token (an OAuth 2.0 resource server's), is not this converter's: it
 * answers empty. A token that fails its checksum
 * ({@link PersonalAccessTokenCodec#isWellFormed}) is refused here, before any lookup.
 * <p>
 * When a limiter of failures is set, an address that sent too many invalid tokens is
 * refused before its token is read; {@link PersonalAccessTokenAuthenticationFailureHandler}
 * counts the failures.
 */
public final class ServerPersonalAccessTokenAuthenticationConverter implements ServerAuthenticationConverter {

	private static final String BEARER = "Bearer ";

	private static final Mono<Authentication> INVALID = Mono
		.error(new AltsCodexAuthenticationException(FailureKind.INVALID_PERSONAL_ACCESS_TOKEN));

	private @Nullable SignInRateLimiter failureLimiter;

	private Function<ServerWebExchange, String> keyResolver = SignInRateLimitWebFilter::remoteAddressKey;

	/**
	 * Sets the limiter of invalid tokens per client address, whose allowance the failure
	 * handler takes from. Defaults to none.
	 * @param failureLimiter the limiter, or {@code null}
	 */
	public void setFailureLimiter(@Nullable SignInRateLimiter failureLimiter) {
		this.failureLimiter = failureLimiter;
	}

	/**
	 * Sets what a client is counted by. Defaults to its remote address, an IPv6 address
	 * by its /64 prefix.
	 * @param keyResolver the key of an exchange
	 */
	public void setKeyResolver(Function<ServerWebExchange, String> keyResolver) {
		Assert.notNull(keyResolver, "keyResolver cannot be null");
		this.keyResolver = keyResolver;
	}

	/**
	 * The key a request's client is counted by.
	 * @param exchange the exchange
	 * @return the key
	 */
	String keyOf(ServerWebExchange exchange) {
		return this.keyResolver.apply(exchange);
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		String token = bearerToken(exchange);
		if (token == null) {
			return Mono.empty();
		}
		SignInRateLimiter limiter = this.failureLimiter;
		if (limiter == null) {
			return read(token);
		}
		return limiter.check(keyOf(exchange))
			.flatMap((decision) -> decision.allowed() ? read(token)
					: Mono.error(new PersonalAccessTokenRateLimitedException(decision.retryAfter())));
	}

	private static Mono<Authentication> read(String token) {
		return PersonalAccessTokenCodec.isWellFormed(token) ? Mono.just(new PersonalAccessTokenAuthenticationToken(token))
				: INVALID;
	}

	/**
	 * The personal access token a request carries, or {@code null}.
	 * @param exchange the exchange
	 * @return the raw token, or {@code null}
	 */
	static @Nullable String bearerToken(ServerWebExchange exchange) {
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization == null || authorization.length() <= BEARER.length()
				|| !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		String token = authorization.substring(BEARER.length()).trim();
		return PersonalAccessTokenCodec.hasPrefix(token) ? token : null;
	}

}
