package com.altscodex.spring.autoconfigure.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.client.ClientRegistration;
import com.altscodex.spring.client.DefaultAltsCodexClient;
import com.altscodex.spring.client.SlotInfo;
import com.altscodex.spring.client.pending.ClaimResult;
import com.altscodex.spring.client.pending.InMemoryPendingLoginRegistry;
import com.altscodex.spring.client.pending.PendingLogin;
import com.altscodex.spring.client.pending.PendingLoginRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/**
 * The {@code altscodex} health: up with in-memory stores, down when a client's store
 * does not answer, without a secret in its details either way.
 */
class AltsCodexHealthIndicatorTests {

	private static final String SECRET = "s3cr3t-value-for-health";

	@Test
	void healthWhenStoresInMemoryThenUpWithClientsByName() {
		Health health = health(new AltsCodexHealthIndicator(clients(client("default", null), client("shop", null))));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).extractingByKey("clients", MAP).containsOnlyKeys("default", "shop");
		assertThat(health.getDetails()).extractingByKey("clients", MAP)
			.extractingByKey("shop", MAP)
			.containsExactlyEntriesOf(details("UP", "shop-client", "memory"));
		assertThat(health.toString()).doesNotContain(SECRET);
	}

	@Test
	void healthWhenOneStoreFailsThenDownNamingTheFailureButNotItsMessage() {
		FailingStore failing = new FailingStore(
				() -> Mono.error(new IllegalStateException("cannot reach redis://app:" + SECRET + "@cache:6379")));
		Health health = health(new AltsCodexHealthIndicator(clients(client("default", null), client("shop", failing))));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		Map<String, Object> shop = new LinkedHashMap<>(details("DOWN", "shop-client", "remote"));
		shop.put("error", IllegalStateException.class.getName());
		assertThat(health.getDetails()).extractingByKey("clients", MAP)
			.containsEntry("default", details("UP", "default-client", "memory"))
			.containsEntry("shop", shop);
		assertThat(health.toString()).doesNotContain(SECRET);
	}

	@Test
	void healthWhenStoreDoesNotAnswerInTimeThenDown() {
		FailingStore silent = new FailingStore(Mono::never);
		Health health = health(
				new AltsCodexHealthIndicator(clients(client("default", silent)), Duration.ofMillis(100)));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).extractingByKey("clients", MAP)
			.extractingByKey("default", MAP)
			.containsEntry("error", java.util.concurrent.TimeoutException.class.getName());
	}

	@Test
	void healthWithoutClientsThenUnknown() {
		assertThat(health(new AltsCodexHealthIndicator(clients())).getStatus()).isEqualTo(Status.UNKNOWN);
	}

	private static Map<String, Object> details(String status, String clientId, String store) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("status", status);
		details.put("clientId", clientId);
		details.put("pendingLogins", 0);
		details.put("store", store);
		return details;
	}

	private static Health health(AltsCodexHealthIndicator indicator) {
		return indicator.health().block(Duration.ofSeconds(5));
	}

	private static AltsCodexClients clients(DefaultAltsCodexClient... clients) {
		return new AltsCodexClients(List.of(clients));
	}

	private static DefaultAltsCodexClient client(String name, @Nullable PendingLoginRegistry<SlotInfo> store) {
		DefaultAltsCodexClient.Builder builder = DefaultAltsCodexClient.builder(ClientRegistration.withName(name)
			.clientId(name + "-client")
			.clientSecret(SECRET)
			.redirectUri("https://" + name + ".example.com/login/altscodex")
			.build());
		return (store != null) ? builder.pendingLogins(store).build() : builder.build();
	}

	/**
	 * A store in another process, as a Redis-backed one will be: it keeps logins like the
	 * in-memory store, but its availability check asks the remote side.
	 */
	private static final class FailingStore implements PendingLoginRegistry<SlotInfo> {

		private final PendingLoginRegistry<SlotInfo> delegate = new InMemoryPendingLoginRegistry<>();

		private final Supplier<Mono<Void>> check;

		FailingStore(Supplier<Mono<Void>> check) {
			this.check = check;
		}

		@Override
		public Mono<PendingLogin<SlotInfo>> register(String state) {
			return this.delegate.register(state);
		}

		@Override
		public Mono<ClaimResult> claim(String state, Supplier<Mono<SlotInfo>> outcome) {
			return this.delegate.claim(state, outcome);
		}

		@Override
		public int size() {
			return this.delegate.size();
		}

		@Override
		public void failAll(Supplier<? extends Throwable> error) {
			this.delegate.failAll(error);
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
