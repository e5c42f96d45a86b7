package com.altscodex.spring.security;

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.AltsCodexClients;

/**
 * The application's way to the DeOAuth tokens of the user signed in on a request, like
 * Spring Security's {@code ReactiveOAuth2AuthorizedClientManager}: the access token for
 * calls to AltsCodex on the user's behalf, and a refresh when the application asks for
 * one. The tokens stay on the server; nothing here writes them to an answer.
 *
 * <pre class="code">
 * &#64;GetMapping("/wallet")
 * Mono&lt;Wallet&gt; wallet(ServerWebExchange exchange) {
 *     return authorizedClients.loadAuthorizedClient(exchange)
 *         .flatMap((client) -&gt; wallets.fetch(client.accessToken()));
 * }
 * </pre>
 */
public final class AltsCodexAuthorizedClientManager {

	private final AltsCodexClients clients;

	private final ServerAltsCodexAuthorizedClientRepository authorizedClientRepository;

	/**
	 * Creates a manager.
	 * @param clients the application's clients
	 * @param authorizedClientRepository where the tokens are kept
	 */
	public AltsCodexAuthorizedClientManager(AltsCodexClients clients,
			ServerAltsCodexAuthorizedClientRepository authorizedClientRepository) {
		Assert.notNull(clients, "clients cannot be null");
		Assert.notNull(authorizedClientRepository, "authorizedClientRepository cannot be null");
		this.clients = clients;
		this.authorizedClientRepository = authorizedClientRepository;
	}

	/**
	 * The tokens of the user signed in on a request.
	 * @param exchange the request
	 * @return the authorized client, or empty when no AltsCodex user is signed in
	 */
	public Mono<AltsCodexAuthorizedClient> loadAuthorizedClient(ServerWebExchange exchange) {
		return principal(exchange).flatMap(
				(principal) -> this.authorizedClientRepository.loadAuthorizedClient(principal, exchange));
	}

	/**
	 * Refreshes the tokens of the user signed in on a request with DeOAuth's
	 * {@code refreshTokens}, and keeps the new ones. DeOAuth rotates refresh tokens: of
	 * two refreshes of one sign-in at the same moment, one fails.
	 * @param exchange the request
	 * @return the refreshed authorized client; empty when no AltsCodex user is signed in
	 * or the sign-in has no refresh token; a
	 * {@link com.altscodex.spring.client.TokenRefreshFailedException} when DeOAuth refuses
	 */
	public Mono<AltsCodexAuthorizedClient> refresh(ServerWebExchange exchange) {
		return principal(exchange).flatMap((principal) -> this.authorizedClientRepository
			.loadAuthorizedClient(principal, exchange)
			.filter((authorizedClient) -> authorizedClient.refreshToken() != null && authorizedClient.code() != null)
			.flatMap((authorizedClient) -> {
				AltsCodexClient client = this.clients.get(authorizedClient.clientName());
				return client.refreshTokens(authorizedClient.refreshToken(), authorizedClient.code())
					.map(authorizedClient::withTokens);
			})
			.flatMap((refreshed) -> this.authorizedClientRepository.saveAuthorizedClient(refreshed, principal, exchange)
				.thenReturn(refreshed)));
	}

	private static Mono<Authentication> principal(ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.filter((principal) -> principal instanceof AltsCodexAuthenticationToken)
			.cast(Authentication.class);
	}

}
