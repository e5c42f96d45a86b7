package com.altscodex.spring.autoconfigure.security;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;

import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;
import com.altscodex.spring.autoconfigure.security.app.SecurityTestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A redirect sign-in whose state outlived {@code altscodex.security.state-time-to-live}
 * is refused with 403, and its code is never exchanged. The time to live is a
 * millisecond: the round trip to the platform takes longer.
 */
@SpringBootTest(classes = SecurityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = "altscodex.security.state-time-to-live=1ms")
class RedirectStateExpiryTests {

	static final int PORT = AltsCodexSecurityTests.freePort();

	@RegisterExtension
	static final DeOAuthSimulatorExtension simulator = DeOAuthSimulatorExtension.create()
		.client("expiry-tests", "client-secret-of-the-expiry-tests", "*");

	@DynamicPropertySource
	static void altsCodex(DynamicPropertyRegistry registry) {
		simulator.registerProperties(registry);
		registry.add("server.port", () -> PORT);
		registry.add("altscodex.client-id", () -> "expiry-tests");
		registry.add("altscodex.client-secret", () -> "client-secret-of-the-expiry-tests");
		registry.add("altscodex.redirect-uri", () -> "http://127.0.0.1:" + PORT + "/getinfo");
	}

	@Test
	void returnAfterTheStateExpiredThenForbiddenAndNothingExchanged() {
		BrowserSession browser = new BrowserSession("http://127.0.0.1:" + PORT);
		URI platform = browser.get("/login/altscodex").getResponseHeaders().getLocation();
		URI back = new BrowserSession(simulator.baseUrl())
			.get(AltsCodexSecurityTests.pathAndQuery(UriComponentsBuilder.fromUri(platform)
				.replacePath("/oauth/login/choose")
				.queryParam("user", "alice")
				.build()
				.toUri()))
			.getResponseHeaders()
			.getLocation();

		EntityExchangeResult<byte[]> answer = browser.get(AltsCodexSecurityTests.pathAndQuery(back));

		assertThat(answer.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		AltsCodexSecurityTests.assertProblem(answer, "invalid-state");
		assertThat(simulator.requests("/v1/oauth-meta/get_token")).isEmpty();
	}

}
