package com.altscodex.spring.security;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.util.Assert;

import com.altscodex.spring.client.AltsCodexClients;

/**
 * Signs the user out of DeOAuth as they sign out of the application: forgets the
 * {@link AltsCodexAuthorizedClient} and, for a JWT sign-in, calls DeOAuth's logout with
 * the sign-in's JWT. That call is best effort and never holds sign-out up: it runs on its
 * own, bounded by {@link #setDeOAuthLogoutTimeout a timeout}, and a failure is only
 * logged. Put it before the handlers that clear the security context and invalidate the
 * session, which hold what it needs.
 */
public final class AltsCodexLogoutHandler implements ServerLogoutHandler {

	private static final Log logger = LogFactory.getLog(AltsCodexLogoutHandler.class);

	private final AltsCodexClients clients;

	private final ServerAltsCodexAuthorizedClientRepository authorizedClientRepository;

	private Duration deOAuthLogoutTimeout = Duration.ofSeconds(5);

	/**
	 * Creates a handler.
	 * @param clients the application's clients
	 * @param authorizedClientRepository where the sign-in's tokens are kept
	 */
	public AltsCodexLogoutHandler(AltsCodexClients clients,
			ServerAltsCodexAuthorizedClientRepository authorizedClientRepository) {
		Assert.notNull(clients, "clients cannot be null");
		Assert.notNull(authorizedClientRepository, "authorizedClientRepository cannot be null");
		this.clients = clients;
		this.authorizedClientRepository = authorizedClientRepository;
	}

	/**
	 * Sets how long DeOAuth's logout may take before it is given up. Defaults to 5
	 * seconds.
	 * @param timeout the timeout
	 */
	public void setDeOAuthLogoutTimeout(Duration timeout) {
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
		this.deOAuthLogoutTimeout = timeout;
	}

	@Override
	public Mono<Void> logout(WebFilterExchange exchange, Authentication authentication) {
		if (authentication == null) {
			return Mono.empty();
		}
		return this.authorizedClientRepository.removeAuthorizedClient(authentication, exchange.getExchange())
			.doOnNext(this::logOutOfDeOAuth)
			.then();
	}

	private void logOutOfDeOAuth(AltsCodexAuthorizedClient authorizedClient) {
		String jwt = authorizedClient.jwt();
		if (jwt == null) {
			return;
		}
		this.clients.find(authorizedClient.clientName())
			.ifPresent((client) -> client.logout(jwt)
				.timeout(this.deOAuthLogoutTimeout)
				.doOnError((ex) -> logger.debug("DeOAuth logout failed: " + ex.getClass().getName()))
				.onErrorComplete(Exception.class)
				.subscribe());
	}

}
