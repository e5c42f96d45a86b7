package com.altscodex.spring.rbac.r2dbc;

import io.r2dbc.spi.ConnectionFactory;

import com.altscodex.spring.testsupport.r2dbc.TestDatabases;

/**
 * {@link R2dbcRoleService} on the PostgreSQL server of the machine; skipped without one,
 * except on CI.
 */
class PostgreSqlR2dbcRoleServiceTests extends AbstractR2dbcRoleServiceTests {

	@Override
	String platform() {
		return TestDatabases.POSTGRESQL;
	}

	@Override
	ConnectionFactory connectionFactory() {
		return TestDatabases.postgresql();
	}

}
