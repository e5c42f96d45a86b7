package com.altscodex.spring.security;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

/**
 * Keeps the authorized client in the user's {@code WebSession}: it lives and dies with
 * the sign-in. A session holds one, and only for the user it was saved for.
 */
public final class WebSessionServerAltsCodexAuthorizedClientRepository
		implements ServerAltsCodexAuthorizedClientRepository {

	/** Session attribute that holds the authorized client. */
	public static final String ATTRIBUTE_NAME = WebSessionServerAltsCodexAuthorizedClientRepository.class.getName()
			+ ".AUTHORIZED_CLIENT";

	@Override
	public Mono<AltsCodexAuthorizedClient> loadAuthorizedClient(Authentication principal,
			ServerWebExchange exchange) {
		return exchange.getSession().mapNotNull((session) -> authorizedClientOf(session, principal));
	}

	@Override
	public Mono<Void> saveAuthorizedClient(AltsCodexAuthorizedClient authorizedClient, Authentication principal,
			ServerWebExchange exchange) {
		return exchange.getSession()
			.doOnNext((session) -> session.getAttributes().put(ATTRIBUTE_NAME, authorizedClient))
			.then();
	}

	@Override
	public Mono<AltsCodexAuthorizedClient> removeAuthorizedClient(Authentication principal,
			ServerWebExchange exchange) {
		return exchange.getSession().mapNotNull((session) -> {
			AltsCodexAuthorizedClient authorizedClient = authorizedClientOf(session, principal);
			if (authorizedClient != null) {
				session.getAttributes().remove(ATTRIBUTE_NAME);
			}
			return authorizedClient;
		});
	}

	private static @Nullable AltsCodexAuthorizedClient authorizedClientOf(WebSession session, Authentication principal) {
		Object value = session.getAttributes().get(ATTRIBUTE_NAME);
		return (value instanceof AltsCodexAuthorizedClient authorizedClient
				&& authorizedClient.principalName().equals(principal.getName())) ? authorizedClient : null;
	}

}
