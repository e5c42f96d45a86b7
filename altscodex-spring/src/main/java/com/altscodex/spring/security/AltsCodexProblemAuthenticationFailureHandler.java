package com.altscodex.spring.security;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.util.Assert;

import com.altscodex.spring.client.FailureKind;

/**
 * Answers a failed sign-in with {@code application/problem+json}: the status, type,
 * title, detail and {@code Retry-After} its {@link FailureKind} says. An authentication
 * failure that is not AltsCodex's is answered as {@link FailureKind#NOT_SIGNED_IN}.
 * Nothing of the input or of DeOAuth's answers is in the problem.
 */
public final class AltsCodexProblemAuthenticationFailureHandler implements ServerAuthenticationFailureHandler {

	private static final Log logger = LogFactory.getLog(AltsCodexProblemAuthenticationFailureHandler.class);

	private final ServerAltsCodexProblemWriter writer;

	/**
	 * Creates a handler.
	 * @param writer writes the problem
	 */
	public AltsCodexProblemAuthenticationFailureHandler(ServerAltsCodexProblemWriter writer) {
		Assert.notNull(writer, "writer cannot be null");
		this.writer = writer;
	}

	@Override
	public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange, AuthenticationException exception) {
		if (exception instanceof AltsCodexAuthenticationException failure) {
			if (failure.getKind() == FailureKind.INTERNAL && logger.isWarnEnabled()) {
				// the class only: a message could hold what the application put there
				Throwable cause = failure.getCause();
				logger.warn("Sign-in failed: " + ((cause != null) ? cause.getClass().getName() : "internal error"));
			}
			return this.writer.write(webFilterExchange.getExchange(), failure);
		}
		return this.writer.write(webFilterExchange.getExchange(), FailureKind.NOT_SIGNED_IN);
	}

}
