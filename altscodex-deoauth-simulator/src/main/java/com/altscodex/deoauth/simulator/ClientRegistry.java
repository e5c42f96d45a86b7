package com.altscodex.deoauth.simulator;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

/**
 * The clients the simulator knows, by id; safe to change while it serves requests.
 */
final class ClientRegistry {

	private final ConcurrentMap<String, RegisteredClient> clients = new ConcurrentHashMap<>();

	void register(RegisteredClient client) {
		this.clients.put(client.id(), client);
	}

	/**
	 * Trusts more origins for the login popup of a registered client.
	 * @throws IllegalArgumentException when no client has that id
	 */
	void trustOrigins(String clientId, Collection<WebOrigin> origins) {
		if (this.clients.computeIfPresent(clientId, (id, client) -> client.withTrustedOrigins(origins)) == null) {
			throw new IllegalArgumentException("No client '" + clientId + "' is registered");
		}
	}

	@Nullable RegisteredClient find(@Nullable String clientId) {
		return (clientId != null) ? this.clients.get(clientId) : null;
	}

	/**
	 * The client with these credentials, or {@code null} when the id is unknown or the
	 * secret does not match.
	 */
	@Nullable RegisteredClient authenticate(@Nullable String clientId, @Nullable String clientSecret) {
		RegisteredClient client = find(clientId);
		return (client != null && client.secretMatches(clientSecret)) ? client : null;
	}

}
