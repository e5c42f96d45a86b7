package com.altscodex.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.ClientRegistration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without any AltsCodex client setting the sample runs against its in-process DeOAuth
 * simulator: it records no traffic, its properties only fill in what nobody configured,
 * and its redirect URI follows the application's port and callback path.
 * <p>
 * Each test runs a sample of its own, one at a time: the first of two samples to close
 * releases Reactor Netty's global resources under the other.
 */
class SimulatorModeTests {

	@Test
	void noClientSettingThenSignInWorksAndTheSimulatorRecordsNoTraffic() {
		try (RunningSample sample = RunningSample.start()) {
			DeOAuthSimulator simulator = sample.simulator();
			login(sample, simulator.issueJwt("bob")).expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.user.id").isEqualTo("bob");
			assertThat(simulator.requests()).isEmpty();
			assertThat(simulator.callbacks()).isEmpty();
			simulator.awaitRequest("/v1/oauth-meta/authorize")
				.as(StepVerifier::create)
				.expectError(IllegalStateException.class)
				.verify(Duration.ofSeconds(5));
		}
	}

	@Test
	void simulatorPropertiesComeAfterTheConfigurationSourcesSoThatAnyConfiguredValueWouldWin() {
		// SpringApplication's default properties, the source that usually comes last
		SpringApplicationBuilder application = new SpringApplicationBuilder(SampleApplication.class)
			.properties(Map.of("altscodex.timeout", "5s"));
		try (ConfigurableApplicationContext context = application.run("--server.port=" + RunningSample.freePort())) {
			ConfigurableEnvironment environment = context.getEnvironment();
			List<String> names = environment.getPropertySources().stream().map(PropertySource::getName).toList();
			int simulator = names.indexOf(DeOAuthSimulatorInitializer.PROPERTY_SOURCE_NAME);
			assertThat(names.subList(0, simulator)).contains("commandLineArgs", "systemProperties", "systemEnvironment")
				.anySatisfy((name) -> assertThat(name).startsWith("Config resource"));
			// SpringApplication moves its default properties back to the end while refreshing
			assertThat(names.subList(simulator + 1, names.size())).contains("defaultProperties");
			assertThat(environment.getProperty("altscodex.auth-server-url"))
				.isEqualTo(context.getBean(DeOAuthSimulator.class).baseUrl());
		}
	}

	@Test
	void redirectUriFollowsTheCallbackPathAndOtherAltsCodexSettingsApply() {
		try (RunningSample custom = RunningSample.start("--altscodex.callback-path=/auth/altscodex/done",
				"--altscodex.timeout=4s", RunningSample.RECORD_TRAFFIC)) {
			String redirectUri = custom.baseUrl() + "/auth/altscodex/done";
			ClientRegistration registration = custom.context().getBean(AltsCodexClient.class).getRegistration();
			assertThat(registration.getRedirectUri()).isEqualTo(redirectUri);
			assertThat(registration.getTimeout()).isEqualTo(Duration.ofSeconds(4));
			DeOAuthSimulator simulator = custom.simulator();
			login(custom, simulator.issueJwt("carol")).expectStatus().isOk();
			assertThat(simulator.requests("/v1/oauth-meta/authorize")).singleElement()
				.satisfies((authorize) -> assertThat(authorize.queryParam("redirect_uri")).isEqualTo(redirectUri));
		}
	}

	private static WebTestClient.ResponseSpec login(RunningSample sample, String jwt) {
		return FrontPageClient.open(sample).login(jwt);
	}

}
