package com.altscodex.spring.autoconfigure.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.AltsCodexClients;

/**
 * Binds the gauge {@code altscodex.pending.logins}, tagged {@code client}: the logins of
 * each client waiting for their DeOAuth callback.
 */
public final class AltsCodexClientMetrics implements MeterBinder {

	/** Name of the pending-logins gauge. */
	public static final String PENDING_LOGINS = "altscodex.pending.logins";

	private final AltsCodexClients clients;

	/**
	 * Creates the binder for the given clients.
	 * @param clients the clients
	 */
	public AltsCodexClientMetrics(AltsCodexClients clients) {
		Assert.notNull(clients, "clients cannot be null");
		this.clients = clients;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (AltsCodexClient client : this.clients.all()) {
			Gauge.builder(PENDING_LOGINS, client, AltsCodexClient::getPendingLoginCount)
				.tag("client", client.getRegistration().getName())
				.description("Logins waiting for their DeOAuth callback")
				.register(registry);
		}
	}

}
