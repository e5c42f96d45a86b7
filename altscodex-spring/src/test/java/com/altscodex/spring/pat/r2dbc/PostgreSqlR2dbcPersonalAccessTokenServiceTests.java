package com.altscodex.spring.pat.r2dbc;

import io.r2dbc.spi.ConnectionFactory;

import com.altscodex.spring.testsupport.r2dbc.TestDatabases;

/**
 * {@link R2dbcPersonalAccessTokenService} on the PostgreSQL server of the machine; skipped
 * without one, except on CI.
 */
class PostgreSqlR2dbcPersonalAccessTokenServiceTests extends AbstractR2dbcPersonalAccessTokenServiceTests {

	@Override
	String platform() {
		return TestDatabases.POSTGRESQL;
	}

	@Override
	ConnectionFactory connectionFactory() {
		return TestDatabases.postgresql();
	}

}
