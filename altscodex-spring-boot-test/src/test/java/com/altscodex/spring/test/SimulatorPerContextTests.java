package com.altscodex.spring.test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContextManager;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One simulator per cached application context, closed with it. Each test loads the
 * contexts of fixture test classes through Spring's {@link TestContextManager}, exactly
 * as the Spring TestContext Framework loads them for a JUnit test class, and closes them
 * at the end.
 */
class SimulatorPerContextTests {

	private final TestContextManager first = new TestContextManager(FirstClient.class);

	private final TestContextManager second = new TestContextManager(SecondClient.class);

	private final TestContextManager firstAgain = new TestContextManager(FirstClientAgain.class);

	@AfterEach
	void closeContexts() {
		this.first.getTestContext().markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
		this.second.getTestContext().markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
		this.firstAgain.getTestContext().markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
	}

	@Test
	void testClassesWithDifferentContextsThenDifferentSimulators() {
		ApplicationContext firstContext = this.first.getTestContext().getApplicationContext();
		ApplicationContext secondContext = this.second.getTestContext().getApplicationContext();

		DeOAuthSimulator firstSimulator = firstContext.getBean(DeOAuthSimulator.class);
		DeOAuthSimulator secondSimulator = secondContext.getBean(DeOAuthSimulator.class);
		assertThat(firstContext).isNotSameAs(secondContext);
		assertThat(firstSimulator).isNotSameAs(secondSimulator);
		assertThat(firstSimulator.isRunning()).isTrue();
		assertThat(secondSimulator.isRunning()).isTrue();
		assertThat(firstSimulator.baseUrl()).isNotEqualTo(secondSimulator.baseUrl());
		Environment firstEnvironment = firstContext.getEnvironment();
		Environment secondEnvironment = secondContext.getEnvironment();
		assertThat(firstEnvironment.getProperty("altscodex.auth-server-url")).isEqualTo(firstSimulator.baseUrl());
		assertThat(secondEnvironment.getProperty("altscodex.auth-server-url")).isEqualTo(secondSimulator.baseUrl());
		assertThat(firstEnvironment.getProperty("altscodex.client-id")).isEqualTo("first-client");
		assertThat(secondEnvironment.getProperty("altscodex.client-id")).isEqualTo("second-client");
		assertThat(firstEnvironment.getProperty("altscodex.client-secret"))
			.isNotEqualTo(secondEnvironment.getProperty("altscodex.client-secret"));
	}

	@Test
	void testClassesSharingAContextThenShareItsSimulator() {
		ApplicationContext firstContext = this.first.getTestContext().getApplicationContext();
		ApplicationContext againContext = this.firstAgain.getTestContext().getApplicationContext();

		assertThat(againContext).isSameAs(firstContext);
		assertThat(againContext.getBean(DeOAuthSimulator.class)).isSameAs(firstContext.getBean(DeOAuthSimulator.class));
	}

	@Test
	void contextClosedThenSimulatorClosed() {
		DeOAuthSimulator simulator = this.second.getTestContext()
			.getApplicationContext()
			.getBean(DeOAuthSimulator.class);
		int port = simulator.port();

		this.second.getTestContext().markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);

		assertThat(simulator.isRunning()).isFalse();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(port));
	}

	private static void connect(int port) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			assertThat(socket.isConnected()).isTrue();
		}
	}

	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	@AutoConfigureDeOAuthSimulator(clientId = "first-client")
	static class FirstClient {

	}

	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	@AutoConfigureDeOAuthSimulator(clientId = "first-client")
	static class FirstClientAgain {

	}

	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	@AutoConfigureDeOAuthSimulator(clientId = "second-client")
	static class SecondClient {

	}

}
