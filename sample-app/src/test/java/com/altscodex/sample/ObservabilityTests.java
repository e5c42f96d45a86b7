package com.altscodex.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's actuator endpoints after a sign-in, with the sample in simulator mode:
 * Prometheus metrics of the login, the callback and the code exchange, the
 * {@code altscodex} health and the {@code altscodex} endpoint, none with the secret.
 */
class ObservabilityTests {

	private static RunningSample sample;

	private static DeOAuthSimulator simulator;

	private final WebTestClient client = sample.webTestClient();

	@BeforeAll
	static void startSample() {
		sample = RunningSample.start();
		simulator = sample.simulator();
	}

	@AfterAll
	static void stopSample() {
		sample.close();
	}

	@Test
	void signInThenPrometheusCountsItAndTheEndpointsShowTheClientWithoutItsSecret() {
		FrontPageClient.open(sample).login(simulator.issueJwt("alice")).expectStatus().isOk();
		String clientSecret = sample.property("altscodex.client-secret");

		// Micrometer's meter handler adds the error tag; Prometheus sorts the labels
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(prometheus())
				.containsPattern(series("altscodex_login_seconds_count", "outcome=\"success\"") + " [1-9]")
				.containsPattern(series("altscodex_callback_seconds_count", "state=\"known\"") + " [1-9]")
				.containsPattern(series("altscodex_code_exchange_seconds_count", "outcome=\"success\"") + " [1-9]")
				.containsPattern("(?m)^altscodex_pending_logins\\{client=\"default\"} 0\\.0$")
				.doesNotContain(clientSecret));

		this.client.get()
			.uri("/actuator/altscodex")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.clients.default.clientId")
			.isEqualTo(DeOAuthSimulatorInitializer.CLIENT_ID)
			.jsonPath("$.clients.default.clientSecret")
			.isEqualTo("******")
			.jsonPath("$.clients.default.redirectUri")
			.isEqualTo(sample.redirectUri())
			.jsonPath("$.clients.default.callbackPath")
			.isEqualTo("/getinfo")
			.jsonPath("$.clients.default.store")
			.isEqualTo("memory")
			.consumeWith((result) -> assertThat(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8))
				.doesNotContain(clientSecret));

		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.altscodex.status")
			.isEqualTo("UP")
			.jsonPath("$.components.altscodex.details.clients.default.clientId")
			.isEqualTo(DeOAuthSimulatorInitializer.CLIENT_ID)
			.consumeWith((result) -> assertThat(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8))
				.doesNotContain(clientSecret));
	}

	private static String series(String name, String label) {
		return "(?m)^" + name + "\\{client=\"default\",error=\"none\"," + label + "}";
	}

	private String prometheus() {
		return this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
