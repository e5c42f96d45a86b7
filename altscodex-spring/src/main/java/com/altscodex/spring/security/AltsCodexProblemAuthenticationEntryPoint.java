package com.altscodex.spring.security;

import reactor.core.publisher.Mono;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

import com.altscodex.spring.client.FailureKind;

/**
 * Answers a request that needs a signed-in user with {@code 401}
 * {@code application/problem+json} ({@link FailureKind#NOT_SIGNED_IN}): what an API
 * client or a single-page application's {@code fetch} gets, where a redirect to a login
 * page would be followed silently.
 */
public final class AltsCodexProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

	private final ServerAltsCodexProblemWriter writer;

	/**
	 * Creates an entry point.
	 * @param writer writes the problem
	 */
	public AltsCodexProblemAuthenticationEntryPoint(ServerAltsCodexProblemWriter writer) {
		Assert.notNull(writer, "writer cannot be null");
		this.writer = writer;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		return this.writer.write(exchange, FailureKind.NOT_SIGNED_IN);
	}

}
