package com.altscodex.spring.autoconfigure.cluster;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.client.SlotInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several clients ({@code altscodex.clients.<name>}) on two instances sharing Redis: each
 * client's callbacks land on the other instance and reach their own logins.
 */
class ClusterMultiTenantTests {

	@Test
	void twoClientsOnTwoInstancesWithCallbacksCrossingThenEveryLoginOfEachClientSucceeds() {
		try (DeOAuthSimulator simulator = DeOAuthSimulator.builder().build().start();
				ClusterInstances cluster = ClusterInstances.builder(simulator)
					.instances(2)
					.client("shop")
					.client("blog")
					.start()) {
			ClusterInstances.Instance first = cluster.instance(1);
			ClusterInstances.Instance second = cluster.instance(2);
			String firstBase = first.baseUrl();
			String secondBase = second.baseUrl();
			// the same path on the other instance
			simulator.behavior()
				.callbackTargets((redirectUri) -> List.of(redirectUri.startsWith(firstBase)
						? secondBase + redirectUri.substring(firstBase.length())
						: firstBase + redirectUri.substring(secondBase.length())));

			List<String> users = Flux.range(0, 100).flatMap((i) -> {
				ClusterInstances.Instance instance = (i % 2 == 0) ? first : second;
				String client = (i % 4 < 2) ? "shop" : "blog";
				AltsCodexClient altsCodex = instance.bean(AltsCodexClients.class).find(client).orElseThrow();
				return altsCodex.getSlotInfo(simulator.issueJwt(client + "-user-" + i)).map(SlotInfo::id);
			}, 16).collectList().block(Duration.ofMinutes(2));

			assertThat(users).hasSize(100).doesNotHaveDuplicates().allMatch((id) -> id.matches("(shop|blog)-user-\\d+"));
			assertThat(simulator.callbacks()).hasSize(100)
				.allSatisfy((callback) -> assertThat(callback.status()).isEqualTo(200));
			assertThat(simulator.callbacks()).allSatisfy((callback) -> assertThat(callback.redirectUri())
				.matches(".*/callback/(shop|blog)"));
			assertThat(simulator.requests("/v1/oauth-meta/get_token")).hasSize(100);
		}
	}

}
