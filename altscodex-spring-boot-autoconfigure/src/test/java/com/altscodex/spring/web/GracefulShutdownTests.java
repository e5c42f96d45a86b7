package com.altscodex.spring.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;
import com.altscodex.deoauth.simulator.RecordedRequest;
import com.altscodex.spring.testsupport.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On SIGTERM (a context close) with Spring Boot's graceful shutdown, a login waiting for
 * its callback gets its 503 answer before the server closes its connections, instead
 * of running into its own timeout.
 */
class GracefulShutdownTests {

	@RegisterExtension
	static final DeOAuthSimulatorExtension simulator = DeOAuthSimulatorExtension.create()
		.client(TestApplication.CLIENT_ID, TestApplication.CLIENT_SECRET, "http://127.0.0.1:*/login/altscodex");

	@Test
	void closeWhenLoginPendingThenItIsAnsweredServiceUnavailable() {
		int port = TestApplication.freePort();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class).properties(
				"server.port=" + port, "server.shutdown=graceful",
				"spring.lifecycle.timeout-per-shutdown-phase=20s", "altscodex.client-id=" + TestApplication.CLIENT_ID,
				"altscodex.client-secret=" + TestApplication.CLIENT_SECRET,
				"altscodex.redirect-uri=http://127.0.0.1:" + port + "/login/altscodex", "altscodex.timeout=30s",
				"altscodex.auth-server-url=" + simulator.baseUrl())
			.run();
		simulator.behavior().withholdCallback(true);
		Mono<RecordedRequest> authorized = simulator.awaitRequest("/v1/oauth-meta/authorize").cache();
		authorized.subscribe();

		CompletableFuture<ResponseEntity<String>> answer = WebClient.create("http://127.0.0.1:" + port)
			.post()
			.uri("/test-login")
			.bodyValue(simulator.issueJwt("alice"))
			.exchangeToMono((response) -> response.toEntity(String.class))
			.toFuture();
		authorized.block(Duration.ofSeconds(10));

		context.close();

		ResponseEntity<String> response = answer.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
		assertThat(response.getStatusCode().value()).isEqualTo(503);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).contains("\"status\":503");
	}

}
