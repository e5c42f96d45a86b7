package com.altscodex.deoauth.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Starting, stopping and configuring a {@link DeOAuthSimulator}.
 */
class DeOAuthSimulatorLifecycleTests {

	@Test
	void startIsIdempotentAndBindsToLoopback() {
		try (DeOAuthSimulator simulator = DeOAuthSimulator.builder().build()) {
			assertThat(simulator.isRunning()).isFalse();
			assertThat(simulator.start()).isSameAs(simulator);
			int port = simulator.port();
			assertThat(simulator.start().port()).isEqualTo(port);
			assertThat(port).isPositive();
			assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
			assertThat(simulator.isRunning()).isTrue();
			assertThat(simulator.toString()).contains(simulator.baseUrl());
		}
	}

	@Test
	void portBeforeStartOrAfterCloseThrows() {
		DeOAuthSimulator simulator = DeOAuthSimulator.builder().build();
		assertThatIllegalStateException().isThrownBy(simulator::port).withMessageContaining("not started");
		simulator.start();
		simulator.close();
		simulator.close();
		assertThat(simulator.isRunning()).isFalse();
		assertThatIllegalStateException().isThrownBy(simulator::baseUrl).withMessageContaining("closed");
		assertThatIllegalStateException().isThrownBy(simulator::start).withMessageContaining("closed");
	}

	@Test
	void closeReleasesThePort() {
		DeOAuthSimulator simulator = DeOAuthSimulator.builder().build().start();
		DeOAuthTestClient client = new DeOAuthTestClient(simulator);
		assertThat(client.get("/", null).block(Duration.ofSeconds(10)).status()).isEqualTo(404);
		simulator.close();
		client.get("/", null).as(StepVerifier::create).expectError().verify(Duration.ofSeconds(10));
	}

	@Test
	void registerPropertiesStartsTheSimulatorAndPointsBothUrlsAtIt() {
		try (DeOAuthSimulator simulator = DeOAuthSimulator.builder().build()) {
			Map<String, Supplier<Object>> properties = new LinkedHashMap<>();
			DynamicPropertyRegistry registry = properties::put;
			simulator.registerProperties(registry);
			assertThat(simulator.isRunning()).isTrue();
			assertThat(properties).containsOnlyKeys("altscodex.auth-server-url", "altscodex.platform-url");
			assertThat(properties.values()).allSatisfy((value) -> assertThat(value.get()).isEqualTo(simulator.baseUrl()));
		}
	}

	@Test
	void clientsCanBeRegisteredWhileRunning() {
		try (DeOAuthSimulator simulator = DeOAuthSimulator.builder().build().start()) {
			DeOAuthTestClient client = new DeOAuthTestClient(simulator);
			String jwt = simulator.issueJwt("alice");
			assertThat(client.authorize(jwt, "late", "http://127.0.0.1:1/cb", null)
				.block(Duration.ofSeconds(10))
				.text("msg")).isEqualTo("Unknown client");
			simulator.registerClient("late", "late-secret", "http://127.0.0.1:1/cb");
			assertThat(client.authorize(jwt, "late", "http://127.0.0.1:1/cb", null)
				.block(Duration.ofSeconds(10))
				.text("msg")).isEqualTo("Missing state");
		}
	}

	@Test
	void demoUsersAreStable() {
		DeOAuthSimulator simulator = DeOAuthSimulator.builder().build();
		assertThat(simulator.demoUsers()).extracting(SimulatedUser::id).containsExactly("alice", "bob", "carol");
		assertThat(simulator.demoUsers()).allSatisfy((user) -> {
			assertThat(user.contentAddress()).matches("0x[0-9a-f]{40}");
			assertThat(simulator.user(user.id())).isEqualTo(user);
		});
		assertThat(DeOAuthSimulator.builder().build().user("dave")).isEqualTo(simulator.user("dave"));
	}

	@Test
	void sameSigningKeyMeansInterchangeableJwts() {
		DeOAuthSimulator issuer = DeOAuthSimulator.builder().signingKey("shared-key").build();
		try (DeOAuthSimulator verifier = DeOAuthSimulator.builder().signingKey("shared-key").build().start()) {
			assertThat(new DeOAuthTestClient(verifier)
				.post(DeOAuthEndpoints.LOGOUT_PATH, "Bearer " + issuer.issueJwt("alice"), null)
				.block(Duration.ofSeconds(10))
				.status()).isEqualTo(200);
		}
	}

	@Test
	void builderRejectsInvalidValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> DeOAuthSimulator.builder().port(70000));
		assertThatIllegalArgumentException().isThrownBy(() -> DeOAuthSimulator.builder().signingKey(""));
		assertThatIllegalArgumentException().isThrownBy(() -> DeOAuthSimulator.builder().client("", "secret"));
	}

}
