package com.altscodex.deoauth.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * {@link DeOAuthSimulatorExtension}, registered as users register it and driven by hand.
 */
class DeOAuthSimulatorExtensionTests {

	@RegisterExtension
	static final DeOAuthSimulatorExtension simulator = DeOAuthSimulatorExtension.create()
		.client("test-client", "test-secret", "*");

	@Test
	void resolvesTheRunningSimulator(DeOAuthSimulator resolved) {
		assertThat(resolved).isSameAs(simulator.simulator());
		assertThat(resolved.isRunning()).isTrue();
		assertThat(simulator.baseUrl()).isEqualTo(resolved.baseUrl()).endsWith(":" + simulator.port());
		assertThat(simulator.behavior()).isSameAs(resolved.behavior());
	}

	@Test
	void registerPropertiesPointsTheAppAtTheSimulator() {
		Map<String, Supplier<Object>> properties = new LinkedHashMap<>();
		simulator.registerProperties(properties::put);
		assertThat(properties.get("altscodex.auth-server-url").get()).isEqualTo(simulator.baseUrl());
		assertThat(properties.get("altscodex.platform-url").get()).isEqualTo(simulator.baseUrl());
	}

	@Test
	void delegatesToTheSimulator() {
		DeOAuthTestClient client = new DeOAuthTestClient(simulator.simulator());
		assertThat(client.post(DeOAuthEndpoints.LOGOUT_PATH, "Bearer " + simulator.issueJwt("bob"), null)
			.block(Duration.ofSeconds(10))
			.status()).isEqualTo(200);
		assertThat(simulator.requests(DeOAuthEndpoints.LOGOUT_PATH)).isNotEmpty();
		assertThat(simulator.demoUsers()).hasSize(3);
		assertThat(simulator.user("alice")).isEqualTo(simulator.demoUsers().get(0));
	}

	@Test
	void configuringAfterStartIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> simulator.client("late", "secret", "*"));
	}

	@Test
	void nestedClassesShareTheSimulatorAndOnlyTheOwnerClosesIt() throws Exception {
		DeOAuthSimulatorExtension extension = DeOAuthSimulatorExtension.create();
		ExtensionContext outer = context(DeOAuthSimulatorExtensionTests.class);
		ExtensionContext nested = context(Inner.class);
		extension.beforeAll(outer);
		DeOAuthSimulator started = extension.simulator();
		extension.beforeAll(nested);
		assertThat(extension.simulator()).isSameAs(started);
		extension.afterAll(nested);
		assertThat(started.isRunning()).isTrue();
		extension.afterAll(outer);
		assertThat(started.isRunning()).isFalse();
	}

	@Test
	void startsLazilyBeforeBeforeAll() {
		DeOAuthSimulatorExtension extension = DeOAuthSimulatorExtension.create();
		Map<String, Supplier<Object>> properties = new LinkedHashMap<>();
		extension.registerProperties(properties::put);
		DeOAuthSimulator started = extension.simulator();
		assertThat(started.isRunning()).isTrue();
		ExtensionContext context = context(DeOAuthSimulatorExtensionTests.class);
		extension.beforeAll(context);
		assertThat(extension.simulator()).isSameAs(started);
		extension.afterAll(context);
		assertThat(started.isRunning()).isFalse();
	}

	@Test
	void resetBetweenTestsResetsKnobsAndRecords() {
		DeOAuthSimulatorExtension plain = DeOAuthSimulatorExtension.create();
		DeOAuthSimulatorExtension resetting = DeOAuthSimulatorExtension.create().resetBetweenTests();
		ExtensionContext context = context(DeOAuthSimulatorExtensionTests.class);
		try {
			for (DeOAuthSimulatorExtension extension : new DeOAuthSimulatorExtension[] { plain, resetting }) {
				extension.beforeAll(context);
				extension.behavior().withholdCallback(true);
				new DeOAuthTestClient(extension.simulator()).get("/x", null).block(Duration.ofSeconds(10));
				extension.beforeEach(context);
			}
			assertThat(plain.behavior().withholdCallback()).isTrue();
			assertThat(plain.requests()).hasSize(1);
			assertThat(resetting.behavior().withholdCallback()).isFalse();
			assertThat(resetting.requests()).isEmpty();
		}
		finally {
			plain.afterAll(context);
			resetting.afterAll(context);
		}
	}

	@Test
	void configuresRecordBoundsAndClientOrigins() {
		DeOAuthSimulatorExtension extension = DeOAuthSimulatorExtension.create()
			.client("spa", "spa-secret", "http://127.0.0.1:9000/cb")
			.clientOrigins("spa", "http://localhost:5173")
			.maxRecordedRequests(1)
			.maxRecordedCallbacks(1);
		ExtensionContext context = context(DeOAuthSimulatorExtensionTests.class);
		try {
			extension.beforeAll(context);
			DeOAuthTestClient client = new DeOAuthTestClient(extension.simulator());
			String loginPage = CallbackSender.appendQuery(DeOAuthEndpoints.LOGIN_PATH,
					Map.of("client_id", "spa", "redirect_uri", "http://127.0.0.1:9000/cb", "origin",
							"http://localhost:5173"));
			assertThat(client.get(loginPage, null).block(Duration.ofSeconds(10)).body())
				.contains("\"targetOrigin\":\"http://localhost:5173\"");
			extension.registerClientOrigins("spa", "http://localhost:4200");
			assertThat(client.get(loginPage.replace("5173", "4200"), null).block(Duration.ofSeconds(10)).body())
				.contains("\"targetOrigin\":\"http://localhost:4200\"");
			assertThat(extension.requests()).singleElement()
				.satisfies((request) -> assertThat(request.queryParam("origin")).isEqualTo("http://localhost:4200"));
		}
		finally {
			extension.afterAll(context);
		}
	}

	private static ExtensionContext context(Class<?> testClass) {
		ExtensionContext context = mock(ExtensionContext.class);
		given(context.getRequiredTestClass()).willAnswer((invocation) -> testClass);
		return context;
	}

	@Nested
	class Inner {

		@Test
		void nestedTestsUseTheOuterSimulator(DeOAuthSimulator resolved) {
			assertThat(resolved).isSameAs(simulator.simulator());
			assertThat(resolved.isRunning()).isTrue();
		}

	}

}
