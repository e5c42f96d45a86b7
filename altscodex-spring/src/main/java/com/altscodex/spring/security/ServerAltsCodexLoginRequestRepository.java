package com.altscodex.spring.security;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps the redirect sign-in a browser session started until the browser comes back,
 * like Spring Security's {@code ServerAuthorizationRequestRepository}.
 */
public interface ServerAltsCodexLoginRequestRepository {

	/**
	 * Keeps a sign-in for the exchange's browser session, replacing any it had.
	 * @param loginRequest the sign-in
	 * @param exchange the exchange
	 * @return completes when kept
	 */
	Mono<Void> saveLoginRequest(AltsCodexLoginRequest loginRequest, ServerWebExchange exchange);

	/**
	 * Takes the sign-in the exchange's browser session started, so that it can be
	 * completed once only.
	 * @param exchange the exchange
	 * @return the sign-in, or empty when the session has none
	 */
	Mono<AltsCodexLoginRequest> removeLoginRequest(ServerWebExchange exchange);

}
