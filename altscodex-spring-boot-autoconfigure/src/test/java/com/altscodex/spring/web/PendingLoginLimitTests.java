package com.altscodex.spring.web;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;
import com.altscodex.spring.client.pending.PendingLoginRegistry;
import com.altscodex.spring.testsupport.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code altscodex.max-pending-logins} in a running application: a login beyond the
 * bound is answered {@code 503} problem+json with {@code Retry-After} at once, nothing
 * of it reaches DeOAuth, and the actuator endpoint counts it.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "altscodex.max-pending-logins=2", "management.endpoints.web.exposure.include=altscodex" })
class PendingLoginLimitTests {

	private static final int PORT = TestApplication.freePort();

	private static final String AUTHORIZE = "/v1/oauth-meta/authorize";

	@RegisterExtension
	static final DeOAuthSimulatorExtension simulator = DeOAuthSimulatorExtension.create()
		.client(TestApplication.CLIENT_ID, TestApplication.CLIENT_SECRET, "http://127.0.0.1:*/login/altscodex");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestApplication.registerProperties(registry, simulator, PORT);
	}

	@Autowired
	private PendingLoginRegistry pendingLogins;

	private final WebTestClient web = WebTestClient.bindToServer()
		.baseUrl("http://127.0.0.1:" + PORT)
		.responseTimeout(Duration.ofSeconds(20))
		.build();

	@Test
	void loginBeyondTheBoundThenServiceUnavailableAtOnceWithRetryAfterAndNothingSent() {
		simulator.behavior().withholdCallback(true);
		WebClient app = WebClient.create("http://127.0.0.1:" + PORT);
		// two logins wait for a callback that never comes: the client's every place taken
		List<Disposable> waiting = List.of(hold(app, simulator.issueJwt("alice")), hold(app, simulator.issueJwt("bob")));
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> this.pendingLogins.size("default") == 2
					&& simulator.requests(AUTHORIZE).size() == 2);
			String refused = simulator.issueJwt("carol");
			this.web.post()
				.uri("/test-login")
				.bodyValue(refused)
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.valueEquals(HttpHeaders.RETRY_AFTER, "1")
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("https://altscodex.com/problems/sign-in-busy")
				.jsonPath("$.code")
				.doesNotExist();
			assertThat(simulator.requests(AUTHORIZE)).hasSize(2)
				.noneMatch((request) -> ("Bearer " + refused).equals(request.header("Authorization")));
			assertThat(this.pendingLogins.refusedCount("default")).isOne();
			this.web.get()
				.uri("/actuator/altscodex")
				.exchange()
				.expectBody()
				.jsonPath("$.clients.default.pendingLogins")
				.isEqualTo(2)
				.jsonPath("$.clients.default.maxPendingLogins")
				.isEqualTo(2)
				.jsonPath("$.clients.default.refusedLogins")
				.isEqualTo(1);
		}
		finally {
			waiting.forEach(Disposable::dispose);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.pendingLogins.size("default") == 0);
	}

	private static Disposable hold(WebClient app, String jwt) {
		return app.post()
			.uri("/test-login")
			.bodyValue(jwt.getBytes())
			.retrieve()
			.toBodilessEntity()
			.onErrorResume((ex) -> Mono.empty())
			.subscribe();
	}

}
