package com.altscodex.spring.autoconfigure.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.altscodex.deoauth.simulator.CallbackAttempt;
import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.CallbackTimeoutException;
import com.altscodex.spring.client.ClientShutdownException;
import com.altscodex.spring.client.SlotInfo;
import com.altscodex.spring.client.pending.redis.RedisPendingLoginRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Logins on three instances sharing Redis, with DeOAuth's callback landing on another
 * instance than the one that started the login, as behind a load balancer.
 */
class ClusterLoginTests {

	private static final String GET_TOKEN = "/v1/oauth-meta/get_token";

	private static DeOAuthSimulator simulator;

	private static ClusterInstances cluster;

	private static RedisClient redisClient;

	private static StatefulRedisConnection<String, String> redisConnection;

	@BeforeAll
	static void startCluster() {
		simulator = DeOAuthSimulator.builder().maxRecordedRequests(10_000).maxRecordedCallbacks(10_000).build().start();
		cluster = ClusterInstances.builder(simulator).start();
		redisClient = RedisClient.create(cluster.redis().url());
		redisConnection = redisClient.connect();
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
		if (redisConnection != null) {
			redisConnection.close();
			redisClient.shutdown();
		}
		if (simulator != null) {
			simulator.close();
		}
	}

	@AfterEach
	void resetSimulator() {
		simulator.behavior().reset();
		simulator.clearRequests();
		simulator.clearCallbacks();
	}

	@Test
	void thousandLoginsWithEveryCallbackOnAnotherInstanceThenEachUserTheirOwnSlotAndEachCodeExchangedOnce() {
		List<ClusterInstances.Instance> instances = cluster.all();
		// the instance after the login's own takes its callback
		simulator.behavior().callbackTargets((redirectUri) -> {
			for (int i = 0; i < instances.size(); i++) {
				if (instances.get(i).redirectUri().equals(redirectUri)) {
					return List.of(instances.get((i + 1) % instances.size()).redirectUri());
				}
			}
			throw new IllegalStateException("Unknown redirect_uri " + redirectUri);
		});
		int logins = 1000;

		List<Login> results = Flux.range(0, logins)
			.flatMap((i) -> {
				ClusterInstances.Instance instance = instances.get(i % instances.size());
				String user = "user-" + i;
				return instance.bean(AltsCodexClient.class)
					.getSlotInfo(simulator.issueJwt(user))
					.map((slot) -> new Login(user, instance.number(), slot));
			}, 48)
			.collectList()
			.block(Duration.ofMinutes(3));

		assertThat(results).hasSize(logins);
		assertThat(results).allSatisfy((login) -> assertThat(login.slot().id()).isEqualTo(login.user()));
		Set<String> codes = ConcurrentHashMap.newKeySet();
		results.forEach((login) -> codes.add(login.slot().code()));
		assertThat(codes).hasSize(logins);
		assertThat(simulator.requests(GET_TOKEN)).hasSize(logins);
		List<CallbackAttempt> callbacks = simulator.callbacks();
		assertThat(callbacks).hasSize(logins).allSatisfy((callback) -> assertThat(callback.status()).isEqualTo(200));
		// no callback went to the instance whose login it was
		assertThat(callbacks).noneMatch((callback) -> callback.redirectUri()
			.equals(ownerOf(callback.state(), results)));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(pendingKeys()).isEmpty();
			for (ClusterInstances.Instance instance : instances) {
				assertThat(instance.bean(RedisPendingLoginRegistry.class).size()).isZero();
			}
		});
	}

	@Test
	void sameCallbackOnTwoInstancesAtOnceThenOneExchangeAndOneSettlement() {
		ClusterInstances.Instance owner = cluster.instance(1);
		simulator.behavior()
			.callbackTargets((redirectUri) -> List.of(cluster.instance(2).redirectUri(),
					cluster.instance(3).redirectUri()));

		for (int i = 0; i < 20; i++) {
			SlotInfo slot = owner.bean(AltsCodexClient.class)
				.getSlotInfo(simulator.issueJwt("twice-" + i))
				.block(Duration.ofSeconds(30));
			assertThat(slot.id()).isEqualTo("twice-" + i);
		}

		await().atMost(Duration.ofSeconds(10)).until(() -> simulator.callbacks().size() == 40);
		assertThat(simulator.callbacks()).allSatisfy((callback) -> assertThat(callback.status()).isEqualTo(200));
		assertThat(simulator.requests(GET_TOKEN)).hasSize(20);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pendingKeys()).isEmpty());
	}

	@Test
	void loginWaitingForItsCallbackThenItsKeyLivesNoLongerThanItsTimeoutAndAMargin() {
		simulator.behavior().withholdCallback(true);
		AltsCodexClient client = cluster.instance(2).bean(AltsCodexClient.class);
		RedisPendingLoginRegistry registry = cluster.instance(2).bean(RedisPendingLoginRegistry.class);

		Mono<SlotInfo> login = client.getSlotInfo(simulator.issueJwt("waiting"), Duration.ofSeconds(3));
		var failure = login.subscribe(null, (ex) -> {
		});
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> pendingKeys().size() == 1);
			String key = pendingKeys().get(0);
			long ttl = redis().pttl(key);
			// 3 s of timeout and 30 s of margin at most, and no state in the key
			assertThat(ttl).isPositive().isLessThanOrEqualTo(33_000);
			assertThat(key).startsWith(cluster.keyPrefix() + "pending:");
			String record = redis().get(key);
			assertThat(record).isEqualTo("instance-2 default");
		}
		finally {
			failure.dispose();
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(pendingKeys()).isEmpty();
			assertThat(registry.size()).isZero();
		});
	}

	@Test
	void ownerStoppedMidFlightThenItsCallbackExchangesNothingAndTheOthersKeepServing() {
		try (ClusterInstances two = ClusterInstances.builder(simulator).instances(2).start()) {
			ClusterInstances.Instance owner = two.instance(1);
			ClusterInstances.Instance other = two.instance(2);
			simulator.behavior()
				.callbackTargets((redirectUri) -> List.of(redirectUri.equals(owner.redirectUri())
						? other.redirectUri() : owner.redirectUri()))
				.callbackDelay(Duration.ofSeconds(1));
			Mono<SlotInfo> login = owner.bean(AltsCodexClient.class).getSlotInfo(simulator.issueJwt("orphan"));
			var outcome = login.materialize().toFuture();
			await().atMost(Duration.ofSeconds(10)).until(() -> !simulator.requests("/v1/oauth-meta/authorize").isEmpty());

			owner.stop();

			assertThat(outcome.join().getThrowable()).isInstanceOfAny(ClientShutdownException.class,
					CallbackTimeoutException.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> simulator.callbacks().size() == 1);
			assertThat(simulator.callbacks().get(0).status()).as(simulator.callbacks().toString()).isEqualTo(200);
			assertThat(simulator.requests(GET_TOKEN)).isEmpty();
			assertThat(keys(two.keyPrefix() + "pending:*")).isEmpty();

			// the survivor serves its own logins, its callbacks landing on itself
			simulator.behavior().reset();
			SlotInfo slot = other.bean(AltsCodexClient.class)
				.getSlotInfo(simulator.issueJwt("survivor"))
				.block(Duration.ofSeconds(30));
			assertThat(slot.id()).isEqualTo("survivor");
		}
	}

	private static String ownerOf(String state, List<Login> logins) {
		// the owner is the instance whose redirect_uri the authorize call named
		return simulator.requests("/v1/oauth-meta/authorize")
			.stream()
			.filter((request) -> state.equals(request.queryParam("state")))
			.map((request) -> request.queryParam("redirect_uri"))
			.findFirst()
			.orElse(null);
	}

	private static List<String> pendingKeys() {
		return keys(cluster.keyPrefix() + "pending:*");
	}

	private static List<String> keys(String pattern) {
		return ScanIterator.scan(redis(), ScanArgs.Builder.matches(pattern).limit(1000)).stream().toList();
	}

	private static RedisCommands<String, String> redis() {
		return redisConnection.sync();
	}

	record Login(String user, int instance, SlotInfo slot) {
	}

}
