package com.altscodex.spring.test;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.spring.client.SlotInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties the test declares itself win over the annotation, and the simulator
 * registers the client the application ends up with.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "altscodex.client-id=my-own-client")
@AutoConfigureDeOAuthSimulator(clientId = "annotation-client")
@AutoConfigureWebTestClient
class TestPropertiesWinTests {

	@DynamicPropertySource
	static void clientSecret(DynamicPropertyRegistry registry) {
		registry.add("altscodex.client-secret", () -> "my-own-secret-value");
	}

	@Autowired
	private DeOAuthSimulator simulator;

	@Autowired
	private WebTestClient web;

	@Autowired
	private Environment environment;

	@Test
	void clientIdAndSecretOfTheTestThenTheyWin() {
		assertThat(this.environment.getProperty("altscodex.client-id")).isEqualTo("my-own-client");
		assertThat(this.environment.getProperty("altscodex.client-secret")).isEqualTo("my-own-secret-value");
		assertThat(this.environment.getProperty("altscodex.auth-server-url")).isEqualTo(this.simulator.baseUrl());
	}

	@Test
	void clientIdOfTheTestThenSimulatorKnowsItAndSignInSucceeds() {
		SlotInfo slot = TestApplication.signIn(this.web, this.simulator.issueJwt("bob"));

		assertThat(slot.id()).isEqualTo(this.simulator.user("bob").id());
		assertThat(this.simulator.requests("/v1/oauth-meta/authorize"))
			.singleElement()
			.satisfies((request) -> assertThat(request.queryParam("client_id")).isEqualTo("my-own-client"));
		assertThat(TestApplication.onlyCallback(this.simulator).answeredSuccessfully()).isTrue();
	}

}
