package com.altscodex.spring.client;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * The application's AltsCodex clients by registration name, for applications that
 * sign in with several client registrations (for example one per tenant).
 */
public final class AltsCodexClients {

	private final Map<String, AltsCodexClient> clients;

	/**
	 * Creates a registry of the given clients, keyed by their registration name.
	 * @param clients the clients
	 * @throws IllegalArgumentException when two clients share a registration name
	 */
	public AltsCodexClients(Collection<? extends AltsCodexClient> clients) {
		Map<String, AltsCodexClient> byName = new LinkedHashMap<>();
		for (AltsCodexClient client : clients) {
			String name = client.getRegistration().getName();
			Assert.isTrue(byName.putIfAbsent(name, client) == null,
					() -> "Two AltsCodex clients share the registration name '" + name + "'");
		}
		this.clients = Collections.unmodifiableMap(byName);
	}

	/**
	 * Returns the client registered under a name.
	 * @param name the registration name
	 * @return the client
	 * @throws IllegalArgumentException when no client has that name
	 */
	public AltsCodexClient get(String name) {
		AltsCodexClient client = this.clients.get(name);
		Assert.isTrue(client != null, () -> "No AltsCodex client is registered under the name '" + name
				+ "'; known names: " + this.clients.keySet());
		return client;
	}

	/**
	 * Returns the client registered under a name, if any.
	 * @param name the registration name
	 * @return the client, or empty
	 */
	public Optional<AltsCodexClient> find(String name) {
		return Optional.ofNullable(this.clients.get(name));
	}

	/**
	 * The registration names, in configuration order.
	 */
	public Set<String> names() {
		return this.clients.keySet();
	}

	/**
	 * All clients, in configuration order.
	 */
	public Collection<AltsCodexClient> all() {
		return this.clients.values();
	}

	@Override
	public String toString() {
		return "AltsCodexClients" + this.clients.keySet();
	}

}
