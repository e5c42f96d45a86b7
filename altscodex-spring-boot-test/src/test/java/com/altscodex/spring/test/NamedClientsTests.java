package com.altscodex.spring.test;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.deoauth.simulator.CallbackAttempt;
import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.client.SlotInfo;
import com.altscodex.spring.test.named.NamedClientsApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application whose clients are all named ({@code altscodex.clients.<name>}), with
 * production URLs, secrets and redirect URIs in its own configuration: the annotation
 * points every named client at the simulator and at the application, and adds no
 * top-level client.
 */
@SpringBootTest(classes = NamedClientsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=named-clients", "altscodex.clients.blog.callback-path=/from/test" })
@AutoConfigureDeOAuthSimulator
@AutoConfigureWebTestClient
class NamedClientsTests {

	@Autowired
	private DeOAuthSimulator simulator;

	@Autowired
	private WebTestClient web;

	@Autowired
	private Environment environment;

	@Autowired
	private AltsCodexClients clients;

	@LocalServerPort
	private int port;

	@Test
	void signInThroughEachNamedClientThenItsSlotOverItsOwnCallback() {
		for (String name : List.of("shop", "blog")) {
			this.simulator.clearCallbacks();
			SlotInfo slot = this.web.post()
				.uri("/test-login/" + name)
				.bodyValue(this.simulator.issueJwt("alice"))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(SlotInfo.class)
				.returnResult()
				.getResponseBody();
			assertThat(slot).isNotNull();
			assertThat(slot.id()).isEqualTo(this.simulator.user("alice").id());
			this.simulator.awaitCallbacks(1).block(Duration.ofSeconds(10));
			CallbackAttempt callback = this.simulator.callbacks().get(0);
			assertThat(callback.redirectUri()).isEqualTo("http://127.0.0.1:" + this.port
					+ ("shop".equals(name) ? "/login/shop" : "/from/test"));
			assertThat(callback.answeredSuccessfully()).isTrue();
		}
	}

	@Test
	void productionValuesOfNamedClientsThenSimulatorAndRandomSecretsTheirIdsKept() {
		for (String name : List.of("shop", "blog")) {
			String prefix = "altscodex.clients." + name + ".";
			assertThat(this.environment.getProperty(prefix + "auth-server-url")).isEqualTo(this.simulator.baseUrl());
			assertThat(this.environment.getProperty(prefix + "platform-url")).isEqualTo(this.simulator.baseUrl());
			assertThat(this.environment.getProperty(prefix + "client-secret")).hasSizeGreaterThanOrEqualTo(32)
				.doesNotStartWith("production");
			assertThat(this.environment.getProperty(prefix + "client-id")).isEqualTo(name + "-app");
			assertThat(this.clients.get(name).getRegistration().getAuthServerUrl())
				.startsWith(this.simulator.baseUrl());
		}
		assertThat(this.environment.getProperty("altscodex.auth-server-url")).isEqualTo(this.simulator.baseUrl());
	}

	@Test
	void onlyNamedClientsThenNoTopLevelClientAdded() {
		assertThat(this.environment.getProperty("altscodex.client-id")).isNull();
		assertThat(this.environment.getProperty("altscodex.redirect-uri")).isNull();
		assertThat(this.clients.names()).containsExactlyInAnyOrder("shop", "blog");
	}

}
