package com.altscodex.spring.pat.r2dbc;

import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.test.StepVerifier;

import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;

import com.altscodex.spring.pat.PersonalAccessTokenCodec;
import com.altscodex.spring.testsupport.r2dbc.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link R2dbcPersonalAccessTokenService} on H2, in memory.
 */
class H2R2dbcPersonalAccessTokenServiceTests extends AbstractR2dbcPersonalAccessTokenServiceTests {

	private static final ConnectionFactory CONNECTION_FACTORY = TestDatabases.h2("tokens-" + System.nanoTime());

	@Override
	String platform() {
		return TestDatabases.H2;
	}

	@Override
	ConnectionFactory connectionFactory() {
		return CONNECTION_FACTORY;
	}

	@Test
	void resolveWhenStoreFailsThenFailureHoldsNoRawToken() {
		// a database without the schema
		R2dbcPersonalAccessTokenService service = newService(TestDatabases.connectionFactory(TestDatabases.H2));
		String raw = new PersonalAccessTokenCodec().generate();
		service.resolve(raw).as(StepVerifier::create).expectErrorSatisfies((ex) -> {
			for (Throwable failure = ex; failure != null; failure = failure.getCause()) {
				assertThat(failure.toString()).doesNotContain(raw.substring(PersonalAccessTokenCodec.PREFIX.length()));
			}
		}).verify();
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
			.isThrownBy(() -> new R2dbcPersonalAccessTokenService(DatabaseClient.create(oracle),
					new R2dbcTransactionManager(oracle)))
			.withMessageContaining("Oracle Database");
	}

}
