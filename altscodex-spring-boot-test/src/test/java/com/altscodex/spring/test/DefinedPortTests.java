package com.altscodex.spring.test;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.deoauth.simulator.CallbackAttempt;
import com.altscodex.deoauth.simulator.DeOAuthSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code DEFINED_PORT} the redirect URI names the application's
 * {@code server.port} (here from a {@code @DynamicPropertySource}), and the callback path
 * of the annotation moves both the callback endpoint and the redirect URI.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
@AutoConfigureDeOAuthSimulator(clientId = "defined-port-client", callbackPath = "/sign-in/callback")
@AutoConfigureWebTestClient
class DefinedPortTests {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	@DynamicPropertySource
	static void serverPort(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	@Autowired
	private DeOAuthSimulator simulator;

	@Autowired
	private WebTestClient web;

	@Autowired
	private Environment environment;

	@Test
	void definedPortThenRedirectUriNamesIt() {
		assertThat(this.environment.getProperty("altscodex.redirect-uri"))
			.isEqualTo("http://127.0.0.1:" + PORT + "/sign-in/callback");
		assertThat(this.environment.getProperty("altscodex.callback-path")).isEqualTo("/sign-in/callback");
		assertThat(this.environment.getProperty("altscodex.client-id")).isEqualTo("defined-port-client");
	}

	@Test
	void signInThenCallbackArrivesAtTheCallbackPath() {
		TestApplication.signIn(this.web, this.simulator.issueJwt("carol"));

		CallbackAttempt callback = TestApplication.onlyCallback(this.simulator);
		assertThat(callback.redirectUri()).isEqualTo("http://127.0.0.1:" + PORT + "/sign-in/callback");
		assertThat(callback.answeredSuccessfully()).isTrue();
	}

}
