package com.altscodex.spring.test;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.context.TestPropertySource;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the test declares wins over the annotation; the application's configuration,
 * system properties included, does not. Contexts of fixture test classes are loaded
 * through Spring's {@link TestContextManager} and closed at the end.
 */
class PropertyPrecedenceTests {

	private TestContextManager manager = new TestContextManager(SystemPropertyFixture.class);

	@AfterEach
	void closeContext() {
		if (this.manager.getTestContext().hasApplicationContext()) {
			this.manager.getTestContext().markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
		}
	}

	@Test
	void systemPropertyThenAnnotationWins() {
		System.setProperty("altscodex.client-id", "from-a-system-property");
		System.setProperty("altscodex.auth-server-url", "https://api.altscodex.invalid");
		try {
			Environment environment = load(SystemPropertyFixture.class).getEnvironment();

			assertThat(environment.getProperty("altscodex.client-id")).isEqualTo("precedence-client");
			assertThat(environment.getProperty("altscodex.auth-server-url")).startsWith("http://127.0.0.1:");
		}
		finally {
			System.clearProperty("altscodex.client-id");
			System.clearProperty("altscodex.auth-server-url");
		}
	}

	@Test
	void commandLineArgumentOfTheTestThenItWins() {
		Environment environment = load(ArgsFixture.class).getEnvironment();

		assertThat(environment.getProperty("altscodex.client-id")).isEqualTo("from-args");
	}

	@Test
	void testPropertySourceThenItWinsAndTheSimulatorServesIt() {
		ApplicationContext context = load(TestPropertySourceFixture.class);

		assertThat(context.getEnvironment().getProperty("altscodex.client-id")).isEqualTo("from-test-property-source");
		assertThat(context.getEnvironment().getProperty("altscodex.callback-path")).isEqualTo("/from/test");
		assertThat(context.getEnvironment().getProperty("altscodex.redirect-uri")).endsWith("/from/test");
		assertThat(context.getBean(DeOAuthSimulator.class).isRunning()).isTrue();
	}

	@Test
	void annotationPropertiesThenJustAboveSystemProperties() {
		ConfigurableEnvironment environment = (ConfigurableEnvironment) load(ArgsFixture.class).getEnvironment();

		assertThat(environment.getPropertySources().stream().map((source) -> source.getName()))
			.containsSubsequence("deOAuthSimulatorServerPort", "Inlined Test Properties", "deOAuthSimulator",
					"systemProperties", "systemEnvironment")
			.containsSubsequence("commandLineArgs", "deOAuthSimulator");
	}

	private ApplicationContext load(Class<?> testClass) {
		this.manager = new TestContextManager(testClass);
		return this.manager.getTestContext().getApplicationContext();
	}

	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	@AutoConfigureDeOAuthSimulator(clientId = "precedence-client")
	static class SystemPropertyFixture {

	}

	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			args = "--altscodex.client-id=from-args")
	@AutoConfigureDeOAuthSimulator(clientId = "precedence-client")
	static class ArgsFixture {

	}

	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	@TestPropertySource(properties = { "altscodex.client-id=from-test-property-source",
			"altscodex.callback-path=/from/test" })
	@AutoConfigureDeOAuthSimulator(clientId = "precedence-client", callbackPath = "/from/annotation")
	static class TestPropertySourceFixture {

	}

}
