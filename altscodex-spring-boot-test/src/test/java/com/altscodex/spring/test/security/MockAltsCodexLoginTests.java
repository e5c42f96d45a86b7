package com.altscodex.spring.test.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.altscodex.spring.test.AltsCodexMockServerConfigurers.mockAltsCodexLogin;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

/**
 * {@code mockAltsCodexLogin()} signs a request in without DeOAuth: controllers,
 * {@code GET /me} and {@code @PreAuthorize} see the user. The client points at an
 * address where nothing listens: no request may leave the application.
 */
@SpringBootTest(classes = SecuredApplication.class,
		properties = { "altscodex.client-id=mock-tests", "altscodex.client-secret=mock-tests-secret",
				"altscodex.redirect-uri=http://127.0.0.1:9/getinfo", "altscodex.auth-server-url=http://127.0.0.1:9" })
class MockAltsCodexLoginTests {

	private WebTestClient web;

	// spring-security-test's configurer: mock sign-ins go through it
	@BeforeEach
	void webTestClient(@Autowired ApplicationContext context) {
		this.web = WebTestClient.bindToApplicationContext(context).apply(springSecurity()).configureClient().build();
	}

	@Test
	void mockLoginThenPrincipalIsTheAltsCodexUser() {
		this.web.mutateWith(mockAltsCodexLogin().id("alice"))
			.get()
			.uri("/api/whoami")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo("alice")
			.jsonPath("$.client")
			.isEqualTo("default");
	}

	@Test
	void mockLoginThenMeAnswersTheUser() {
		this.web.mutateWith(mockAltsCodexLogin().id("bob").nickname("Bobby").transferCount(7))
			.get()
			.uri("/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo("bob")
			.jsonPath("$.token_nickname")
			.isEqualTo("Bobby")
			.jsonPath("$.tr_cnt")
			.isEqualTo(7)
			.jsonPath("$.authorities[0]")
			.isEqualTo("ROLE_USER");
	}

	@Test
	void mockLoginWithAuthorityThenPreAuthorizeAllows() {
		this.web.mutateWith(mockAltsCodexLogin().authorities("ROLE_ADMIN"))
			.get()
			.uri("/api/reports")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.report")
			.isEqualTo("all good");
	}

	@Test
	void mockLoginWithoutAuthorityThenPreAuthorizeDeniesWithProblem() {
		this.web.mutateWith(mockAltsCodexLogin())
			.get()
			.uri("/api/reports")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void noLoginThenUnauthorizedProblem() {
		this.web.get()
			.uri("/api/whoami")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
