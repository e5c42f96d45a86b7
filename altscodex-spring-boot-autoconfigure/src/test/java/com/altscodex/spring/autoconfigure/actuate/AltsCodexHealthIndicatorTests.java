package com.altscodex.spring.autoconfigure.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.client.ClientRegistration;
import com.altscodex.spring.client.DefaultAltsCodexClient;
import com.altscodex.spring.client.pending.AuthorizationCallback;
import com.altscodex.spring.client.pending.CallbackDelivery;
import com.altscodex.spring.client.pending.InMemoryPendingLoginRegistry;
import com.altscodex.spring.client.pending.PendingLogin;
import com.altscodex.spring.client.pending.PendingLoginRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * The {@code altscodex} health: up with the in-memory store, down when the store does
 * not answer, without a secret in its details either way.
 */
class AltsCodexHealthIndicatorTests {

	private static final String SECRET = "s3cr3t-value-for-health";

	@Test
	void healthWhenStoreInMemoryThenUpWithClientsByName() {
		InMemoryPendingLoginRegistry pendingLogins = new InMemoryPendingLoginRegistry();
		pendingLogins.register("shop", "state-1", 10);
		Health health = health(new AltsCodexHealthIndicator(clients(client("default"), client("shop")), pendingLogins));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("store", "memory");
		assertThat(health.getDetails()).extractingByKey("clients", MAP).containsOnlyKeys("default", "shop");
		assertThat(health.getDetails()).extractingByKey("clients", MAP)
			.extractingByKey("shop", MAP)
			.containsExactlyEntriesOf(details("shop-client", 1));
		assertThat(health.toString()).doesNotContain(SECRET);
	}

	@Test
	void healthWhenStoreFailsThenDownNamingTheFailureButNotItsMessage() {
		RemoteStore failing = new RemoteStore(
				() -> Mono.error(new IllegalStateException("cannot reach redis://app:" + SECRET + "@cache:6379")));
		Health health = health(new AltsCodexHealthIndicator(clients(client("default"), client("shop")), failing));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("store", "remote")
			.containsEntry("error", IllegalStateException.class.getName());
		assertThat(health.getDetails()).extractingByKey("clients", MAP)
			.containsEntry("default", details("default-client", 0))
			.containsEntry("shop", details("shop-client", 0));
		assertThat(health.toString()).doesNotContain(SECRET);
	}

	@Test
	void healthWhenStoreDoesNotAnswerInTimeThenDown() {
		Health health = health(new AltsCodexHealthIndicator(clients(client("default")), new RemoteStore(Mono::never),
				Duration.ofMillis(100)));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error", TimeoutException.class.getName());
	}

	@Test
	void healthWithoutClientsThenUnknown() {
		assertThat(health(new AltsCodexHealthIndicator(clients(), new InMemoryPendingLoginRegistry())).getStatus())
			.isEqualTo(Status.UNKNOWN);
	}

	private static Map<String, Object> details(String clientId, int pendingLogins) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("clientId", clientId);
		details.put("pendingLogins", pendingLogins);
		details.put("maxPendingLogins", ClientRegistration.DEFAULT_MAX_PENDING_LOGINS);
		return details;
	}

	private static Health health(AltsCodexHealthIndicator indicator) {
		return indicator.health().block(Duration.ofSeconds(5));
	}

	private static AltsCodexClients clients(DefaultAltsCodexClient... clients) {
		return new AltsCodexClients(List.of(clients));
	}

	private static DefaultAltsCodexClient client(String name) {
		return DefaultAltsCodexClient.builder(ClientRegistration.withName(name)
			.clientId(name + "-client")
			.clientSecret(SECRET)
			.redirectUri("https://" + name + ".example.com/login/altscodex")
			.build()).build();
	}

	/**
	 * A store in another process, as a Redis-backed one will be: it keeps logins like the
	 * in-memory store, but its availability check asks the remote side.
	 */
	private static final class RemoteStore implements PendingLoginRegistry {

		private final InMemoryPendingLoginRegistry delegate = new InMemoryPendingLoginRegistry();

		private final Supplier<Mono<Void>> check;

		RemoteStore(Supplier<Mono<Void>> check) {
			this.check = check;
		}

		@Override
		public @Nullable PendingLogin register(String clientName, String state, int limit) {
			return this.delegate.register(clientName, state, limit);
		}

		@Override
		public Mono<CallbackDelivery> deliver(AuthorizationCallback callback) {
			return this.delegate.deliver(callback);
		}

		@Override
		public int size(String clientName) {
			return this.delegate.size(clientName);
		}

		@Override
		public long refusedCount(String clientName) {
			return this.delegate.refusedCount(clientName);
		}

		@Override
		public void failAll(String clientName, Supplier<? extends Throwable> error) {
			this.delegate.failAll(clientName, error);
		}

		@Override
		public String storeMode() {
			return "remote";
		}

		@Override
		public Mono<Void> checkAvailable() {
			return this.check.get();
		}

	}

}
