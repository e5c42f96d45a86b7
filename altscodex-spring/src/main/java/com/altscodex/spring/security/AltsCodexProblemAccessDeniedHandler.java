package com.altscodex.spring.security;

import reactor.core.publisher.Mono;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

import com.altscodex.spring.client.FailureKind;

/**
 * Answers a denied request with {@code 403} {@code application/problem+json}: a missing
 * or wrong CSRF token as {@link FailureKind#INVALID_CSRF_TOKEN}, so that a single-page
 * application's developer reads what to send, anything else as
 * {@link FailureKind#ACCESS_DENIED}.
 */
public final class AltsCodexProblemAccessDeniedHandler implements ServerAccessDeniedHandler {

	private final ServerAltsCodexProblemWriter writer;

	/**
	 * Creates a handler.
	 * @param writer writes the problem
	 */
	public AltsCodexProblemAccessDeniedHandler(ServerAltsCodexProblemWriter writer) {
		Assert.notNull(writer, "writer cannot be null");
		this.writer = writer;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		FailureKind kind = (denied instanceof CsrfException) ? FailureKind.INVALID_CSRF_TOKEN : FailureKind.ACCESS_DENIED;
		return this.writer.write(exchange, kind);
	}

}
