package com.altscodex.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;
import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.ClientRegistration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code altscodex.auth-server-url} and a complete client given, the sample starts
 * no simulator and uses the values as given: here a DeOAuth of the test's own, started
 * apart from the application, and the starter's default platform URL.
 */
class RealAccountConfigurationTests {

	private static final String CLIENT_SECRET = "real-client-secret-0123456789";

	@RegisterExtension
	static final DeOAuthSimulatorExtension deoauth = DeOAuthSimulatorExtension.create()
		.client("real-client", CLIENT_SECRET, "http://localhost:*/getinfo");

	@Test
	void completeClientSettingsThenNoSimulatorStartsAndTheGivenValuesAreUsed(DeOAuthSimulator deOAuth) {
		int port = RunningSample.freePort();
		String redirectUri = "http://localhost:" + port + "/getinfo";
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class).run(
				"--server.port=" + port, "--altscodex.auth-server-url=" + deOAuth.baseUrl(),
				"--altscodex.client-id=real-client", "--altscodex.client-secret=" + CLIENT_SECRET,
				"--altscodex.redirect-uri=" + redirectUri)) {
			assertThat(context.getBeansOfType(DeOAuthSimulator.class)).isEmpty();
			assertThat(context.getEnvironment().getPropertySources()
				.contains(DeOAuthSimulatorInitializer.PROPERTY_SOURCE_NAME)).isFalse();
			ClientRegistration registration = context.getBean(AltsCodexClient.class).getRegistration();
			assertThat(registration.getAuthServerUrl()).isEqualTo(deOAuth.baseUrl());
			assertThat(registration.getClientId()).isEqualTo("real-client");
			assertThat(registration.getRedirectUri()).isEqualTo(redirectUri);
			assertThat(registration.getPlatformUrl()).isEqualTo("https://altscodex.com");
			FrontPageClient.open(port)
				.login(deOAuth.issueJwt("alice"))
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.user.id").isEqualTo("alice");
			assertThat(deOAuth.requests("/v1/oauth-meta/authorize")).singleElement().satisfies((authorize) -> {
				assertThat(authorize.queryParam("client_id")).isEqualTo("real-client");
				assertThat(authorize.queryParam("redirect_uri")).isEqualTo(redirectUri);
			});
		}
	}

}
