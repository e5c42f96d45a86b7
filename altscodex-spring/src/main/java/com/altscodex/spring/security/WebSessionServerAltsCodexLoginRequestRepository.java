package com.altscodex.spring.security;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps the redirect sign-in in the browser's {@code WebSession}, one per session: a
 * second sign-in started in the same session replaces the first.
 */
public final class WebSessionServerAltsCodexLoginRequestRepository implements ServerAltsCodexLoginRequestRepository {

	/** Session attribute that holds the sign-in. */
	public static final String ATTRIBUTE_NAME = WebSessionServerAltsCodexLoginRequestRepository.class.getName()
			+ ".LOGIN_REQUEST";

	@Override
	public Mono<Void> saveLoginRequest(AltsCodexLoginRequest loginRequest, ServerWebExchange exchange) {
		return exchange.getSession().doOnNext((session) -> session.getAttributes().put(ATTRIBUTE_NAME, loginRequest))
			.then();
	}

	@Override
	public Mono<AltsCodexLoginRequest> removeLoginRequest(ServerWebExchange exchange) {
		return exchange.getSession()
			.mapNotNull((session) -> (session.getAttributes().remove(ATTRIBUTE_NAME) instanceof AltsCodexLoginRequest
					request) ? request : null);
	}

}
