package com.altscodex.spring.autoconfigure.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.client.ClientRegistration;
import com.altscodex.spring.client.pending.PendingLoginRegistry;

/**
 * The {@code altscodex} health contributor: {@code UP} when the store of pending logins
 * is available, {@code DOWN} when it is not (for example a remote store that does not
 * answer within the timeout), {@code UNKNOWN} without clients. Its details name the
 * store and list the clients by name with their client id, pending logins and limit,
 * and never a secret; a failure shows as its type only, as its message may name hosts
 * or users.
 */
public class AltsCodexHealthIndicator extends AbstractReactiveHealthIndicator {

	/** How long the store may take to answer, unless told otherwise. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private final AltsCodexClients clients;

	private final PendingLoginRegistry pendingLogins;

	private final Duration timeout;

	/**
	 * Creates the indicator with the {@linkplain #DEFAULT_TIMEOUT default timeout}.
	 * @param clients the clients
	 * @param pendingLogins the registry their logins wait in
	 */
	public AltsCodexHealthIndicator(AltsCodexClients clients, PendingLoginRegistry pendingLogins) {
		this(clients, pendingLogins, DEFAULT_TIMEOUT);
	}

	/**
	 * Creates the indicator.
	 * @param clients the clients
	 * @param pendingLogins the registry their logins wait in
	 * @param timeout how long the store may take to answer before it counts as down
	 */
	public AltsCodexHealthIndicator(AltsCodexClients clients, PendingLoginRegistry pendingLogins, Duration timeout) {
		super("AltsCodex health check failed");
		Assert.notNull(clients, "clients cannot be null");
		Assert.notNull(pendingLogins, "pendingLogins cannot be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
		this.clients = clients;
		this.pendingLogins = pendingLogins;
		this.timeout = timeout;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		if (this.clients.all().isEmpty()) {
			return Mono.just(builder.unknown().withDetail("clients", Map.of()).build());
		}
		return this.pendingLogins.checkAvailable()
			.timeout(this.timeout)
			.then(Mono.fromSupplier(() -> details(builder.up()).build()))
			.onErrorResume(Exception.class,
					(ex) -> Mono.just(details(builder.down()).withDetail("error", ex.getClass().getName()).build()));
	}

	private Health.Builder details(Health.Builder builder) {
		Map<String, Object> clients = new LinkedHashMap<>();
		for (AltsCodexClient client : this.clients.all()) {
			ClientRegistration registration = client.getRegistration();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("clientId", registration.getClientId());
			details.put("pendingLogins", this.pendingLogins.size(registration.getName()));
			details.put("maxPendingLogins", registration.getMaxPendingLogins());
			clients.put(registration.getName(), details);
		}
		return builder.withDetail("store", this.pendingLogins.storeMode()).withDetail("clients", clients);
	}

}
