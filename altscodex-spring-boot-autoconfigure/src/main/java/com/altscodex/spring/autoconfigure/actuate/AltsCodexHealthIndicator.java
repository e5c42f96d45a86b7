package com.altscodex.spring.autoconfigure.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.AltsCodexClients;

/**
 * The {@code altscodex} health contributor: {@code UP} when every client's store of
 * pending logins is available, {@code DOWN} when one is not (for example a remote store
 * that does not answer within the timeout), {@code UNKNOWN} without clients. Its
 * details list the clients by name with their client id, pending logins and store,
 * and never a secret.
 */
public class AltsCodexHealthIndicator extends AbstractReactiveHealthIndicator {

	/** How long a client's store may take to answer, unless told otherwise. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private final AltsCodexClients clients;

	private final Duration timeout;

	/**
	 * Creates the indicator with the {@linkplain #DEFAULT_TIMEOUT default timeout}.
	 * @param clients the clients
	 */
	public AltsCodexHealthIndicator(AltsCodexClients clients) {
		this(clients, DEFAULT_TIMEOUT);
	}

	/**
	 * Creates the indicator.
	 * @param clients the clients
	 * @param timeout how long a client's store may take to answer before it counts as
	 * down
	 */
	public AltsCodexHealthIndicator(AltsCodexClients clients, Duration timeout) {
		super("AltsCodex health check failed");
		Assert.notNull(clients, "clients cannot be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
		this.clients = clients;
		this.timeout = timeout;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		if (this.clients.all().isEmpty()) {
			return Mono.just(builder.unknown().withDetail("clients", Map.of()).build());
		}
		return Flux.fromIterable(this.clients.all()).flatMapSequential(this::check).collectList().map((checks) -> {
			Map<String, Object> clients = new LinkedHashMap<>();
			Status status = Status.UP;
			for (ClientHealth check : checks) {
				clients.put(check.name(), check.details());
				if (check.status() != Status.UP) {
					status = Status.DOWN;
				}
			}
			return builder.status(status).withDetail("clients", clients).build();
		});
	}

	private Mono<ClientHealth> check(AltsCodexClient client) {
		return client.checkPendingLoginStore()
			.timeout(this.timeout)
			.then(Mono.fromSupplier(() -> ClientHealth.of(client, null)))
			.onErrorResume((ex) -> Mono.just(ClientHealth.of(client, ex)));
	}

	/**
	 * The health of one client: its store's status and what may be shown of it. A
	 * failure shows as its type only, as its message may name hosts or users.
	 */
	private record ClientHealth(String name, Status status, Map<String, Object> details) {

		static ClientHealth of(AltsCodexClient client, @Nullable Throwable failure) {
			Status status = (failure != null) ? Status.DOWN : Status.UP;
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("status", status.getCode());
			details.put("clientId", client.getRegistration().getClientId());
			details.put("pendingLogins", client.getPendingLoginCount());
			details.put("store", client.getPendingLoginStoreMode());
			if (failure != null) {
				details.put("error", failure.getClass().getName());
			}
			return new ClientHealth(client.getRegistration().getName(), status, details);
		}

	}

}
