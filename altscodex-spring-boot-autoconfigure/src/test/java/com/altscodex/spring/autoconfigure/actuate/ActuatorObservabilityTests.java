package com.altscodex.spring.autoconfigure.actuate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import io.micrometer.observation.Observation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.SlotInfo;
import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;
import com.altscodex.spring.testsupport.StoppedObservations;
import com.altscodex.spring.testsupport.TestApplication;

import static com.altscodex.spring.testsupport.StoppedObservations.lowCardinality;
import static com.altscodex.spring.testsupport.StoppedObservations.parentOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter in a running application with Spring Boot Actuator: the {@code altscodex}
 * health and endpoint over HTTP, and a login observed and measured through Spring Boot's
 * own observation registry and WebClient builder.
 */
@SpringBootTest(classes = { TestApplication.class, ActuatorObservabilityTests.Observations.class },
		webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "management.endpoints.web.exposure.include=health,altscodex,metrics",
				"management.endpoint.health.show-details=always" })
class ActuatorObservabilityTests {

	private static final int PORT = TestApplication.freePort();

	@RegisterExtension
	static final DeOAuthSimulatorExtension simulator = DeOAuthSimulatorExtension.create()
		.client(TestApplication.CLIENT_ID, TestApplication.CLIENT_SECRET, "http://127.0.0.1:*/login/altscodex");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestApplication.registerProperties(registry, simulator, PORT);
	}

	@Autowired
	private AltsCodexClient client;

	@Autowired
	private StoppedObservations observations;

	private final WebTestClient web = WebTestClient.bindToServer()
		.baseUrl("http://127.0.0.1:" + PORT)
		.responseTimeout(Duration.ofSeconds(20))
		.build();

	@BeforeEach
	void reset() {
		simulator.behavior().reset();
		simulator.clearRequests();
		simulator.simulator().clearCallbacks();
	}

	@Test
	void healthThenAltscodexUpListingClientsWithoutSecrets() {
		this.web.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.altscodex.status")
			.isEqualTo("UP")
			.jsonPath("$.components.altscodex.details.clients.default.clientId")
			.isEqualTo(TestApplication.CLIENT_ID)
			.jsonPath("$.components.altscodex.details.clients.default.pendingLogins")
			.isEqualTo(0)
			.jsonPath("$.components.altscodex.details.clients.default.maxPendingLogins")
			.isEqualTo(10_000)
			.jsonPath("$.components.altscodex.details.store")
			.isEqualTo("memory")
			.consumeWith((result) -> assertThat(body(result.getResponseBodyContent()))
				.doesNotContain(TestApplication.CLIENT_SECRET, basicCredentials()));
	}

	@Test
	void altscodexEndpointThenClientsWithTheSecretMaskedAndNoTokens() {
		String jwt = simulator.issueJwt("alice");
		SlotInfo slot = this.client.getSlotInfo(jwt).block(Duration.ofSeconds(10));
		this.web.get()
			.uri("/actuator/altscodex")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.clients.default.clientId")
			.isEqualTo(TestApplication.CLIENT_ID)
			.jsonPath("$.clients.default.clientSecret")
			.isEqualTo("******")
			.jsonPath("$.clients.default.authServerUrl")
			.isEqualTo(simulator.baseUrl())
			.jsonPath("$.clients.default.redirectUri")
			.isEqualTo("http://127.0.0.1:" + PORT + "/login/altscodex")
			.jsonPath("$.clients.default.callbackPath")
			.isEqualTo("/login/altscodex")
			.jsonPath("$.clients.default.pendingLogins")
			.isEqualTo(0)
			.jsonPath("$.clients.default.store")
			.isEqualTo("memory")
			.consumeWith((result) -> assertThat(body(result.getResponseBodyContent())).doesNotContain(
					TestApplication.CLIENT_SECRET, basicCredentials(), jwt, jwt.substring(jwt.lastIndexOf('.') + 1),
					slot.accessToken()));
	}

	@Test
	void loginThroughTheApplicationThenObservedAndMeasuredWithSpringBoot() {
		this.observations.clear();
		this.web.post().uri("/test-login").bodyValue(simulator.issueJwt("bob")).exchange().expectStatus().isOk();
		String state = simulator.requests("/v1/oauth-meta/authorize").get(0).queryParam("state");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(this.observations.named("http.client.requests")).hasSize(2);
			assertThat(this.observations.named("altscodex.callback")).hasSize(1);
		});

		Observation.Context login = single("altscodex.login");
		assertThat(lowCardinality(login, "outcome")).isEqualTo("success");
		assertThat(serverRequestPath(parentOf(login))).isEqualTo("/test-login");
		// Spring Boot's WebClient.Builder carries the registry: authorize is a child of the login
		Observation.Context authorize = httpCall("/v1/oauth-meta/authorize");
		assertThat(parentOf(authorize)).isSameAs(login);
		// and Spring Boot applies the starter's filter: the state stays out of http.url
		assertThat(authorize.getHighCardinalityKeyValue("http.url").getValue()).doesNotContain(state)
			.doesNotContain("?");

		Observation.Context callback = single("altscodex.callback");
		assertThat(lowCardinality(callback, "state")).isEqualTo("known");
		assertThat(serverRequestPath(parentOf(callback))).isEqualTo("/login/altscodex");
		// the login that owns the state exchanges the code
		Observation.Context exchange = single("altscodex.code.exchange");
		assertThat(parentOf(exchange)).isSameAs(login);
		assertThat(parentOf(httpCall("/v1/oauth-meta/get_token"))).isSameAs(exchange);

		this.web.get()
			.uri("/actuator/metrics/altscodex.login?tag=client:default&tag=outcome:success")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.measurements[?(@.statistic == 'COUNT')].value")
			.value((List<Double> counts) -> assertThat(counts).singleElement()
				.satisfies((count) -> assertThat(count).isGreaterThanOrEqualTo(1.0)));
		this.web.get()
			.uri("/actuator/metrics/altscodex.callback?tag=client:default&tag=state:known")
			.exchange()
			.expectStatus()
			.isOk();
		this.web.get()
			.uri("/actuator/metrics/altscodex.pending.logins?tag=client:default")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.measurements[0].value")
			.isEqualTo(0.0);
	}

	private Observation.Context single(String name) {
		List<Observation.Context> named = this.observations.named(name);
		assertThat(named).as("stopped %s observations", name).hasSize(1);
		return named.get(0);
	}

	private Observation.Context httpCall(String path) {
		return this.observations.named("http.client.requests")
			.stream()
			.filter((context) -> path.equals(((ClientRequestObservationContext) context).getRequest().url().getPath()))
			.findFirst()
			.orElseThrow();
	}

	private static String serverRequestPath(Observation.ContextView context) {
		assertThat(context).isInstanceOf(ServerRequestObservationContext.class);
		return ((ServerRequestObservationContext) context).getCarrier().getPath().value();
	}

	private static String body(byte[] content) {
		return new String(content, StandardCharsets.UTF_8);
	}

	private static String basicCredentials() {
		return Base64.getEncoder()
			.encodeToString((TestApplication.CLIENT_ID + ":" + TestApplication.CLIENT_SECRET)
				.getBytes(StandardCharsets.UTF_8));
	}

	@Configuration(proxyBeanMethods = false)
	static class Observations {

		@Bean
		StoppedObservations stoppedObservations() {
			return new StoppedObservations();
		}

	}

}
