package com.altscodex.spring.test;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.deoauth.simulator.CallbackAttempt;
import com.altscodex.deoauth.simulator.DeOAuthSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a callback path on the annotation, the application keeps the path of its own
 * redirect URI (here {@code /auth/altscodex}, from {@code application-shop.properties}):
 * only scheme, host and port move to where the simulator can reach it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("shop")
@AutoConfigureDeOAuthSimulator
@AutoConfigureWebTestClient
class ApplicationCallbackPathTests {

	@Autowired
	private DeOAuthSimulator simulator;

	@Autowired
	private WebTestClient web;

	@LocalServerPort
	private int port;

	@Test
	void applicationRedirectUriThenItsPathServesTheCallback() {
		TestApplication.signIn(this.web, this.simulator.issueJwt("alice"));

		CallbackAttempt callback = TestApplication.onlyCallback(this.simulator);
		assertThat(callback.redirectUri()).isEqualTo("http://127.0.0.1:" + this.port + "/auth/altscodex");
		assertThat(callback.answeredSuccessfully()).isTrue();
	}

}
