package com.altscodex.spring.security;

import java.util.function.BooleanSupplier;

import reactor.core.publisher.Mono;

import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.altscodex.spring.client.FailureKind;

/**
 * Refuses a sign-in attempt that would need a new session when the session store has no
 * room for one: {@code 503} {@code application/problem+json}
 * ({@link FailureKind#SESSIONS_FULL}) with {@code Retry-After}, before anything is sent to
 * DeOAuth. Without it, Spring's in-memory store fails the answer with a 500 once it holds
 * {@code server.reactive.session.max-sessions} sessions. A browser that has a session
 * already goes on: signing in replaces its id, it takes no more room.
 */
public final class SessionCapacityWebFilter implements WebFilter {

	private final ServerWebExchangeMatcher signInAttempts;

	private final BooleanSupplier roomForNewSession;

	private final ServerAltsCodexProblemWriter writer;

	/**
	 * Creates a filter.
	 * @param signInAttempts the requests that are sign-in attempts
	 * @param roomForNewSession whether the store can take one more session
	 * @param writer writes the refusals
	 */
	public SessionCapacityWebFilter(ServerWebExchangeMatcher signInAttempts, BooleanSupplier roomForNewSession,
			ServerAltsCodexProblemWriter writer) {
		Assert.notNull(signInAttempts, "signInAttempts cannot be null");
		Assert.notNull(roomForNewSession, "roomForNewSession cannot be null");
		Assert.notNull(writer, "writer cannot be null");
		this.signInAttempts = signInAttempts;
		this.roomForNewSession = roomForNewSession;
		this.writer = writer;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return this.signInAttempts.matches(exchange).flatMap((match) -> {
			if (!match.isMatch()) {
				return chain.filter(exchange);
			}
			return exchange.getSession()
				.flatMap((session) -> (session.isStarted() || this.roomForNewSession.getAsBoolean())
						? chain.filter(exchange) : this.writer.write(exchange, FailureKind.SESSIONS_FULL));
		});
	}

}
