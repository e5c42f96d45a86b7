package com.altscodex.spring.autoconfigure.rbac;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;
import com.altscodex.spring.autoconfigure.rbac.app.RbacTestApplication;
import com.altscodex.spring.testsupport.r2dbc.TestDatabases;

/**
 * Roles and tokens on MariaDB, in a database of their own that the starter fills:
 * {@code altscodex.store.initialize-schema=always}, as a production application sets it.
 */
@SpringBootTest(classes = RbacTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext
class MariaDbRbacEndToEndTests extends AbstractRbacEndToEndTests {

	static final int PORT = freePort();

	static final String DATABASE = "altscodex_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	@RegisterExtension
	static final DeOAuthSimulatorExtension simulator = DeOAuthSimulatorExtension.create()
		.client(CLIENT_ID, CLIENT_SECRET, redirectUri(PORT))
		.resetBetweenTests();

	// before the context: skipped, or failed on CI, when the server is not there
	@BeforeAll
	static void createSchema() {
		DatabaseClient.create(TestDatabases.mariadb()).sql("CREATE DATABASE " + DATABASE).then().block();
	}

	@AfterAll
	static void dropSchema() {
		DatabaseClient.create(TestDatabases.mariadb()).sql("DROP DATABASE " + DATABASE).then().block();
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		properties(registry, simulator, PORT);
		registry.add("spring.r2dbc.url", () -> TestDatabases.url(TestDatabases.MARIADB).replaceFirst("/test$", "/" + DATABASE));
		registry.add("altscodex.store.initialize-schema", () -> "always");
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
