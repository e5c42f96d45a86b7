package com.altscodex.spring.test;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.deoauth.simulator.CallbackAttempt;
import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.deoauth.simulator.SimulatedUser;
import com.altscodex.spring.client.SlotInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application on the starter signs in end to end against the simulator that
 * {@code @AutoConfigureDeOAuthSimulator} gives it, on a random port, overriding the
 * production values of its {@code application.properties}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureDeOAuthSimulator
@AutoConfigureWebTestClient
class SignInTests {

	@Autowired
	private DeOAuthSimulator simulator;

	@Autowired
	private WebTestClient web;

	@Autowired
	private Environment environment;

	@LocalServerPort
	private int port;

	@Test
	void signInWithJwtFromSimulatorThenSlotOfThatUser() {
		SlotInfo slot = TestApplication.signIn(this.web, this.simulator.issueJwt("alice"));

		SimulatedUser alice = this.simulator.user("alice");
		assertThat(slot.id()).isEqualTo(alice.id());
		assertThat(slot.tokenNickname()).isEqualTo(alice.nickname()).isEqualTo("Alice");
		assertThat(slot.contentAddress()).isEqualTo(alice.contentAddress());
		assertThat(slot.trCnt()).isEqualTo(alice.trCnt());
		CallbackAttempt callback = TestApplication.onlyCallback(this.simulator);
		assertThat(callback.redirectUri()).isEqualTo("http://127.0.0.1:" + this.port + "/login/altscodex");
		assertThat(callback.answeredSuccessfully()).isTrue();
	}

	@Test
	void rejectedCallbackThenLoginAnsweredBadGateway() {
		this.simulator.behavior().rejectCallback("ACCESS_DENIED");

		this.web.post()
			.uri(TestApplication.LOGIN_PATH)
			.bodyValue(this.simulator.issueJwt("alice"))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY);
	}

	@Test
	void randomPortThenRedirectUriNamesThePortTheServerListensOn() {
		assertThat(this.simulator.isRunning()).isTrue();
		assertThat(this.environment.getProperty("server.port", Integer.class)).isEqualTo(this.port).isPositive();
		assertThat(this.environment.getProperty("altscodex.redirect-uri"))
			.isEqualTo("http://127.0.0.1:" + this.port + "/login/altscodex");
		assertThat(this.environment.getProperty("altscodex.callback-path")).isEqualTo("/login/altscodex");
	}

	@Test
	void applicationConfigurationThenOverriddenWithSimulatorAndTestClient() {
		assertThat(this.environment.getProperty("altscodex.auth-server-url")).isEqualTo(this.simulator.baseUrl());
		assertThat(this.environment.getProperty("altscodex.platform-url")).isEqualTo(this.simulator.baseUrl());
		assertThat(this.environment.getProperty("altscodex.client-id")).isEqualTo("test-client");
		assertThat(this.environment.getProperty("altscodex.client-secret")).hasSizeGreaterThanOrEqualTo(32)
			.isNotEqualTo("production-secret-from-the-application");
	}

}
