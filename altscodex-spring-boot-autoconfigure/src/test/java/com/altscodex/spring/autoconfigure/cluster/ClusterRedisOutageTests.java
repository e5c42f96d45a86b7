package com.altscodex.spring.autoconfigure.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.spring.autoconfigure.security.BrowserSession;
import com.altscodex.spring.testsupport.redis.RedisServerProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis stops under two instances and comes back: sign-ins fail at once with a clear
 * answer while it is gone, the health says so, and both recover without a restart.
 * Sessions stay in memory here, so that what is seen is the store of pending logins.
 */
class ClusterRedisOutageTests {

	@Test
	void redisStoppedThenSignInAnswered503AtOnceAndHealthDownThenRestartedThenSignInWorksAgain() {
		try (DeOAuthSimulator simulator = DeOAuthSimulator.builder().build().start();
				RedisServerProcess redis = RedisServerProcess.start();
				ClusterInstances cluster = ClusterInstances.builder(simulator)
					.instances(2)
					.redis(redis.endpoint())
					.property("spring.autoconfigure.exclude",
							"org.springframework.boot.session.autoconfigure.SessionAutoConfiguration,"
									+ "org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration")
					.property("altscodex.pending.redis.command-timeout", "500ms")
					// Boot's own Redis health indicator waits as long as Lettuce lets a command wait
					.property("spring.data.redis.timeout", "1s")
					.property("altscodex.security.rate-limit.store", "memory")
					.property("altscodex.timeout", "60s")
					.property("management.endpoint.health.show-details", "always")
					.start()) {
			ClusterInstances.Instance first = cluster.instance(1);
			simulator.behavior()
				.callbackTargets((redirectUri) -> java.util.List.of(cluster.instance(2).redirectUri()));
			assertThat(signIn(first, simulator, "before").getStatus()).isEqualTo(HttpStatus.OK);

			redis.stop();

			// a clear answer, long before the login's 60 s timeout: the web client gives up at 30 s
			EntityExchangeResult<byte[]> refused = signIn(first, simulator, "during");
			assertThat(refused.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
			assertThat(body(refused)).contains("sign-in-unavailable");
			assertThat(simulator.requests("/v1/oauth-meta/authorize")).hasSize(1);
			EntityExchangeResult<byte[]> health = first.browser().get("/actuator/health");
			assertThat(health.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat((String) JsonPath.read(body(health), "$.components.altscodex.status")).isEqualTo("DOWN");
			assertThat((String) JsonPath.read(body(health), "$.components.altscodex.details.store"))
				.isEqualTo("redis");

			redis.startAgain();

			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(signIn(first, simulator, "after").getStatus()).isEqualTo(HttpStatus.OK));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat((String) JsonPath.read(body(first.browser().get("/actuator/health")),
						"$.components.altscodex.status"))
					.isEqualTo("UP"));
		}
	}

	private static EntityExchangeResult<byte[]> signIn(ClusterInstances.Instance instance, DeOAuthSimulator simulator,
			String user) {
		BrowserSession browser = instance.browser();
		return browser.signIn(simulator.issueJwt(user));
	}

	private static String body(EntityExchangeResult<byte[]> result) {
		byte[] body = result.getResponseBody();
		return (body != null) ? new String(body, StandardCharsets.UTF_8) : "";
	}

}
