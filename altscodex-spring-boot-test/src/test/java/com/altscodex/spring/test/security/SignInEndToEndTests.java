package com.altscodex.spring.test.security;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.spring.test.AutoConfigureDeOAuthSimulator;

/**
 * The end-to-end recipe of the README: a real sign-in through the security chain against
 * the simulator, on a random port so that DeOAuth's callback reaches the application.
 * The test does what a single-page application does: it reads the {@code XSRF-TOKEN}
 * cookie of any answer and echoes it in the {@code X-XSRF-TOKEN} header.
 */
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureDeOAuthSimulator
@AutoConfigureWebTestClient
class SignInEndToEndTests {

	@Autowired
	private WebTestClient web;

	@Autowired
	private DeOAuthSimulator simulator;

	@Test
	void signInWithJwtFromSimulatorThenSignedInUser() {
		String csrfToken = this.web.get()
			.uri("/me")
			.exchange()
			.returnResult(String.class)
			.getResponseCookies()
			.getFirst("XSRF-TOKEN")
			.getValue();
		this.web.post()
			.uri("/login")
			.cookie("XSRF-TOKEN", csrfToken)
			.header("X-XSRF-TOKEN", csrfToken)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"jwt\":\"" + this.simulator.issueJwt("alice") + "\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.success")
			.isEqualTo(true)
			.jsonPath("$.user.id")
			.isEqualTo("alice")
			.jsonPath("$.user.token_nickname")
			.isEqualTo("Alice");
	}

	@Test
	void signInWithoutCsrfTokenThenForbidden() {
		this.web.post()
			.uri("/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"jwt\":\"" + this.simulator.issueJwt("alice") + "\"}")
			.exchange()
			.expectStatus()
			.isForbidden();
	}

}
