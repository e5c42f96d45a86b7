package com.altscodex.sample;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.reactive.StandardReactiveWebEnvironment;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code ALTSCODEX_AUTH_SERVER_URL} set, the sample starts no simulator and uses the
 * configuration it is given, here through environment variables (relaxed binding) that
 * point at a DeOAuth server of their own.
 */
class EnvironmentVariableConfigurationTests {

	private static final String CLIENT_SECRET = "env-client-secret-0123456789";

	@RegisterExtension
	static final DeOAuthSimulatorExtension deoauth = DeOAuthSimulatorExtension.create()
		.client("env-client", CLIENT_SECRET, "http://localhost:*/getinfo");

	@Test
	void environmentVariablesConfigureTheClientAndNoSimulatorStarts(DeOAuthSimulator simulator) {
		int port = RunningSample.freePort();
		Map<String, Object> environmentVariables = Map.of("ALTSCODEX_CLIENT_ID", "env-client",
				"ALTSCODEX_CLIENT_SECRET", CLIENT_SECRET, "ALTSCODEX_REDIRECT_URI",
				"http://localhost:" + port + "/getinfo", "ALTSCODEX_AUTH_SERVER_URL",
				simulator.baseUrl() + "/", "ALTSCODEX_PLATFORM_URL", simulator.baseUrl(), "ALTSCODEX_TIMEOUT", "7s",
				"SERVER_PORT", String.valueOf(port));
		StandardReactiveWebEnvironment environment = new StandardReactiveWebEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("testEnvironmentVariables", environmentVariables));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.environment(environment)
			.run()) {
			assertThat(context.containsBean(DeOAuthSimulatorInitializer.BEAN_NAME)).isFalse();
			assertThat(context.getEnvironment().getPropertySources()
				.contains(DeOAuthSimulatorInitializer.PROPERTY_SOURCE_NAME)).isFalse();
			assertThat(context.getBean(AltsCodexClient.class).getRegistration().getTimeout())
				.isEqualTo(Duration.ofSeconds(7));
			FrontPageClient visitor = FrontPageClient.open(port);
			visitor.client()
				.get()
				.uri("/config")
				.exchange()
				.expectBody()
				.jsonPath("$.clientId").isEqualTo("env-client")
				.jsonPath("$.platformUrl").isEqualTo(simulator.baseUrl());
			visitor.login(simulator.issueJwt("carol"))
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.user.token_nickname").isEqualTo("Carol");
			assertThat(simulator.requests("/v1/oauth-meta/authorize")).singleElement()
				.satisfies((authorize) -> assertThat(authorize.queryParam("client_id")).isEqualTo("env-client"));
		}
	}

}
