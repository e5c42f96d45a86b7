package com.altscodex.spring.security;

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps what the server holds of a user's sign-in ({@link AltsCodexAuthorizedClient})
 * between requests, like Spring Security's {@code ServerOAuth2AuthorizedClientRepository}.
 * Nothing it holds is ever sent to the browser.
 */
public interface ServerAltsCodexAuthorizedClientRepository {

	/**
	 * The authorized client of a signed-in user.
	 * @param principal the user's authentication
	 * @param exchange the exchange
	 * @return the authorized client, or empty
	 */
	Mono<AltsCodexAuthorizedClient> loadAuthorizedClient(Authentication principal, ServerWebExchange exchange);

	/**
	 * Keeps the authorized client of a signed-in user, replacing any.
	 * @param authorizedClient the authorized client
	 * @param principal the user's authentication
	 * @param exchange the exchange
	 * @return completes when kept
	 */
	Mono<Void> saveAuthorizedClient(AltsCodexAuthorizedClient authorizedClient, Authentication principal,
			ServerWebExchange exchange);

	/**
	 * Forgets the authorized client of a user.
	 * @param principal the user's authentication
	 * @param exchange the exchange
	 * @return the authorized client removed, or empty
	 */
	Mono<AltsCodexAuthorizedClient> removeAuthorizedClient(Authentication principal, ServerWebExchange exchange);

}
