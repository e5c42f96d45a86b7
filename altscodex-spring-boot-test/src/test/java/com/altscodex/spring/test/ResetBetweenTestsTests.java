package com.altscodex.spring.test;

import java.lang.reflect.Method;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Knobs and records of the shared simulator do not leak from one test to the next,
 * unless the test class opts out.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureDeOAuthSimulator(clientId = "reset-client")
@AutoConfigureWebTestClient
class ResetBetweenTestsTests {

	@Autowired
	private DeOAuthSimulator simulator;

	@Autowired
	private WebTestClient web;

	private final TestContextManager keepsState = new TestContextManager(KeepsState.class);

	@AfterEach
	void closeFixtureContext() {
		if (this.keepsState.getTestContext().hasApplicationContext()) {
			this.keepsState.getTestContext().markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
		}
	}

	/**
	 * Each repetition leaves a failing knob and records behind; the next one starts
	 * clean.
	 */
	@RepeatedTest(2)
	void eachTestThenStartsWithDefaultKnobsAndNoRecords() {
		assertThat(this.simulator.requests()).isEmpty();
		assertThat(this.simulator.callbacks()).isEmpty();
		TestApplication.signIn(this.web, this.simulator.issueJwt("alice"));
		this.simulator.awaitCallbacks(1).block(Duration.ofSeconds(10));

		this.simulator.behavior().authorizeFailure("AUTHORIZE_ERROR", "left behind by the previous test");
	}

	@Test
	void resetBetweenTestsOffThenKnobsAndRecordsKept() throws Exception {
		DeOAuthSimulator kept = this.keepsState.getTestContext().getApplicationContext().getBean(DeOAuthSimulator.class);
		WebTestClient.bindToServer().baseUrl(kept.baseUrl()).build().get().uri("/nothing-here").exchange();
		kept.behavior().withholdCallback(true);
		assertThat(kept.requests("/nothing-here")).hasSize(1);

		Method testMethod = KeepsState.class.getDeclaredMethod("example");
		this.keepsState.beforeTestMethod(new KeepsState(), testMethod);

		assertThat(kept.requests("/nothing-here")).hasSize(1);
		assertThat(kept.behavior().toString()).contains("withholdCallback=true");
	}

	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	@AutoConfigureDeOAuthSimulator(clientId = "keeps-state-client", resetBetweenTests = false)
	static class KeepsState {

		void example() {
		}

	}

}
