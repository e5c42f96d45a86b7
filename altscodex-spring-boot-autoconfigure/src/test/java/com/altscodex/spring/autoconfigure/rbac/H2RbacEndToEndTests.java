package com.altscodex.spring.autoconfigure.rbac;

import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;
import com.altscodex.spring.autoconfigure.rbac.app.RbacTestApplication;

/**
 * Roles and tokens on the starter's default database: Spring Boot's in-memory H2, with
 * the tables the starter creates.
 */
@SpringBootTest(classes = RbacTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext
class H2RbacEndToEndTests extends AbstractRbacEndToEndTests {

	static final int PORT = freePort();

	@RegisterExtension
	static final DeOAuthSimulatorExtension simulator = DeOAuthSimulatorExtension.create()
		.client(CLIENT_ID, CLIENT_SECRET, redirectUri(PORT))
		.resetBetweenTests();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		properties(registry, simulator, PORT);
	}

	@Override
	DeOAuthSimulatorExtension simulator() {
		return simulator;
	}

	@Override
	int port() {
		return PORT;
	}

}
