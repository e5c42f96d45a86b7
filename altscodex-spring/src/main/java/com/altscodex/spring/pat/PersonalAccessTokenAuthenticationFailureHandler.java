package com.altscodex.spring.pat;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

import com.altscodex.spring.client.FailureKind;
import com.altscodex.spring.security.AltsCodexAuthenticationException;
import com.altscodex.spring.security.ServerAltsCodexProblemWriter;
import com.altscodex.spring.security.ratelimit.SignInRateLimitWebFilter;
import com.altscodex.spring.security.ratelimit.SignInRateLimiter;

/**
 * Answers a request whose personal access token failed: {@code 401} with
 * {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 6750) and
 * {@code application/problem+json}, the same for a malformed, unknown, expired or revoked
 * token; {@code 429} with {@code Retry-After} for an address refused for sending too many;
 * {@code 503} when the token store could not answer.
 * Each invalid token takes one attempt from its address's allowance, when a limiter is
 * set.
 */
public final class PersonalAccessTokenAuthenticationFailureHandler implements ServerAuthenticationFailureHandler {

	private static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";

	private final ServerAltsCodexProblemWriter writer;

	private @Nullable SignInRateLimiter failureLimiter;

	private Function<ServerWebExchange, String> keyResolver = SignInRateLimitWebFilter::remoteAddressKey;

	/**
	 * Creates a handler.
	 * @param writer writes the answers
	 */
	public PersonalAccessTokenAuthenticationFailureHandler(ServerAltsCodexProblemWriter writer) {
		Assert.notNull(writer, "writer cannot be null");
		this.writer = writer;
	}

	/**
	 * Sets the limiter each failure takes an attempt from; the converter refuses an address
	 * whose allowance is spent. Defaults to none.
	 * @param failureLimiter the limiter, or {@code null}
	 */
	public void setFailureLimiter(@Nullable SignInRateLimiter failureLimiter) {
		this.failureLimiter = failureLimiter;
	}

	/**
	 * Sets what a client is counted by; use the converter's. Defaults to its remote
	 * address.
	 * @param keyResolver the key of an exchange
	 */
	public void setKeyResolver(Function<ServerWebExchange, String> keyResolver) {
		Assert.notNull(keyResolver, "keyResolver cannot be null");
		this.keyResolver = keyResolver;
	}

	@Override
	public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange, AuthenticationException exception) {
		ServerWebExchange exchange = webFilterExchange.getExchange();
		AltsCodexAuthenticationException failure = (exception instanceof AltsCodexAuthenticationException known)
				? known : new AltsCodexAuthenticationException(FailureKind.INVALID_PERSONAL_ACCESS_TOKEN, exception);
		if (failure.getKind() != FailureKind.INVALID_PERSONAL_ACCESS_TOKEN) {
			// refused unread, or the store could not answer: the token was not found invalid
			return this.writer.write(exchange, failure);
		}
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, INVALID_TOKEN);
		Mono<Void> answer = this.writer.write(exchange,
				new AltsCodexAuthenticationException(FailureKind.INVALID_PERSONAL_ACCESS_TOKEN));
		SignInRateLimiter limiter = this.failureLimiter;
		if (limiter == null) {
			return answer;
		}
		return limiter.tryAcquire(this.keyResolver.apply(exchange)).then(answer);
	}

}
