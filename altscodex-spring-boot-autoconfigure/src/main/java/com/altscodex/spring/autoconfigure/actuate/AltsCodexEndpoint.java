package com.altscodex.spring.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.util.Assert;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.client.ClientRegistration;
import com.altscodex.spring.client.pending.PendingLoginRegistry;

/**
 * The {@code altscodex} actuator endpoint: the configured clients by name, with their
 * public settings, pending logins and store. The client secret shows as
 * {@value #MASK}, the way Spring Boot masks sanitized values; nothing else secret is
 * held here.
 */
@Endpoint(id = "altscodex")
public class AltsCodexEndpoint {

	/** What stands in for the client secret. */
	public static final String MASK = "******";

	private final AltsCodexClients clients;

	private final PendingLoginRegistry pendingLogins;

	/**
	 * Creates the endpoint for the given clients.
	 * @param clients the clients
	 * @param pendingLogins the registry their logins wait in
	 */
	public AltsCodexEndpoint(AltsCodexClients clients, PendingLoginRegistry pendingLogins) {
		Assert.notNull(clients, "clients cannot be null");
		Assert.notNull(pendingLogins, "pendingLogins cannot be null");
		this.clients = clients;
		this.pendingLogins = pendingLogins;
	}

	/**
	 * Describes the configured clients.
	 * @return the clients by registration name
	 */
	@ReadOperation
	public ClientsDescriptor clients() {
		Map<String, ClientDescriptor> clients = new LinkedHashMap<>();
		for (AltsCodexClient client : this.clients.all()) {
			clients.put(client.getRegistration().getName(), ClientDescriptor.of(client, this.pendingLogins));
		}
		return new ClientsDescriptor(clients);
	}

	/**
	 * The configured clients.
	 *
	 * @param clients the clients by registration name, in configuration order
	 */
	public record ClientsDescriptor(Map<String, ClientDescriptor> clients) implements OperationResponseBody {
	}

	/**
	 * One configured client.
	 *
	 * @param clientId the client id AltsCodex issued
	 * @param clientSecret always {@value AltsCodexEndpoint#MASK}
	 * @param authServerUrl the DeOAuth API the client calls
	 * @param platformUrl the AltsCodex platform that serves the login page
	 * @param redirectUri the redirect URI DeOAuth calls back
	 * @param callbackPath the path of the callback endpoint
	 * @param timeout how long a login waits for its callback (ISO-8601)
	 * @param pendingLogins the logins waiting for their callback
	 * @param maxPendingLogins the most logins that may wait at once
	 * @param refusedLogins the logins refused because as many were waiting already
	 * @param store where pending logins are kept, such as {@code memory}
	 */
	public record ClientDescriptor(String clientId, String clientSecret, String authServerUrl, String platformUrl,
			String redirectUri, String callbackPath, String timeout, int pendingLogins, int maxPendingLogins,
			long refusedLogins, String store) {

		static ClientDescriptor of(AltsCodexClient client, PendingLoginRegistry pendingLogins) {
			ClientRegistration registration = client.getRegistration();
			String name = registration.getName();
			return new ClientDescriptor(registration.getClientId(), MASK, registration.getAuthServerUrl(),
					registration.getPlatformUrl(), registration.getRedirectUri(), registration.getCallbackPath(),
					registration.getTimeout().toString(), pendingLogins.size(name), registration.getMaxPendingLogins(),
					pendingLogins.refusedCount(name), pendingLogins.storeMode());
		}

	}

}
