package com.altscodex.spring.security;

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.util.Assert;

/**
 * Answers a popup sign-in with {@code 200 {"success": true, "user": {...}}}, the user as
 * {@link SignedInUser}: the single-page application shows it without another request.
 */
public final class AltsCodexJsonAuthenticationSuccessHandler implements ServerAuthenticationSuccessHandler {

	private final ServerAltsCodexProblemWriter writer;

	/**
	 * Creates a handler.
	 * @param writer writes the answer
	 */
	public AltsCodexJsonAuthenticationSuccessHandler(ServerAltsCodexProblemWriter writer) {
		Assert.notNull(writer, "writer cannot be null");
		this.writer = writer;
	}

	@Override
	public Mono<Void> onAuthenticationSuccess(WebFilterExchange webFilterExchange, Authentication authentication) {
		if (!(authentication.getPrincipal() instanceof AltsCodexUser user)) {
			return Mono.error(new IllegalStateException("Not an AltsCodex sign-in: " + authentication.getClass()));
		}
		return this.writer.writeJson(webFilterExchange.getExchange(), new SignInAnswer(true, SignedInUser.of(user)));
	}

	/**
	 * The answer to a successful popup sign-in.
	 *
	 * @param success always {@code true}; failures are {@code application/problem+json}
	 * @param user the signed-in user
	 */
	record SignInAnswer(boolean success, SignedInUser user) {

	}

}
