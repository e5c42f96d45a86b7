package com.altscodex.spring.autoconfigure.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.client.pending.PendingLoginRegistry;

/**
 * Binds, tagged {@code client}, the gauge {@code altscodex.pending.logins} (the logins of
 * each client waiting for their DeOAuth callback) and the counter
 * {@code altscodex.pending.logins.refused} (the logins refused because the client had as
 * many waiting as it may, {@code altscodex.max-pending-logins}).
 */
public final class AltsCodexClientMetrics implements MeterBinder {

	/** Name of the pending-logins gauge. */
	public static final String PENDING_LOGINS = "altscodex.pending.logins";

	/** Name of the refused-logins counter. */
	public static final String REFUSED_LOGINS = "altscodex.pending.logins.refused";

	private final AltsCodexClients clients;

	private final PendingLoginRegistry pendingLogins;

	/**
	 * Creates the binder for the given clients.
	 * @param clients the clients
	 * @param pendingLogins the registry their logins wait in
	 */
	public AltsCodexClientMetrics(AltsCodexClients clients, PendingLoginRegistry pendingLogins) {
		Assert.notNull(clients, "clients cannot be null");
		Assert.notNull(pendingLogins, "pendingLogins cannot be null");
		this.clients = clients;
		this.pendingLogins = pendingLogins;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (AltsCodexClient client : this.clients.all()) {
			String name = client.getRegistration().getName();
			Gauge.builder(PENDING_LOGINS, this.pendingLogins, (logins) -> logins.size(name))
				.tag("client", name)
				.description("Logins waiting for their DeOAuth callback")
				.register(registry);
			FunctionCounter.builder(REFUSED_LOGINS, this.pendingLogins, (logins) -> logins.refusedCount(name))
				.tag("client", name)
				.description("Logins refused because as many were waiting for their callback as the client allows")
				.register(registry);
		}
	}

}
