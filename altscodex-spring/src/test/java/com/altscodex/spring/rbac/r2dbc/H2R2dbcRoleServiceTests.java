package com.altscodex.spring.rbac.r2dbc;

import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;

import com.altscodex.spring.testsupport.r2dbc.TestDatabases;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link R2dbcRoleService} on H2, in memory.
 */
class H2R2dbcRoleServiceTests extends AbstractR2dbcRoleServiceTests {

	private static final ConnectionFactory CONNECTION_FACTORY = TestDatabases.h2("roles-" + System.nanoTime());

	@Override
	String platform() {
		return TestDatabases.H2;
	}

	@Override
	ConnectionFactory connectionFactory() {
		return CONNECTION_FACTORY;
	}

	@Test
	void constructorWhenOtherDatabaseThenIllegalStateNamingIt() {
		ConnectionFactory oracle = new ConnectionFactory() {

			@Override
			public Publisher<? extends io.r2dbc.spi.Connection> create() {
				throw new UnsupportedOperationException();
			}

			@Override
			public ConnectionFactoryMetadata getMetadata() {
				return () -> "Oracle Database";
			}

		};
		assertThatIllegalStateException()
			.isThrownBy(() -> new R2dbcRoleService(DatabaseClient.create(oracle), new R2dbcTransactionManager(oracle)))
			.withMessageContaining("Oracle Database");
	}

}
