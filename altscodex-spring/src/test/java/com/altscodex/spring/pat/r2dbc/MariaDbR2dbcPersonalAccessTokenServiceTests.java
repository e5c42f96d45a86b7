package com.altscodex.spring.pat.r2dbc;

import io.r2dbc.spi.ConnectionFactory;

import com.altscodex.spring.testsupport.r2dbc.TestDatabases;

/**
 * {@link R2dbcPersonalAccessTokenService} on the MariaDB server of the machine; skipped
 * without one, except on CI.
 */
class MariaDbR2dbcPersonalAccessTokenServiceTests extends AbstractR2dbcPersonalAccessTokenServiceTests {

	@Override
	String platform() {
		return TestDatabases.MARIADB;
	}

	@Override
	ConnectionFactory connectionFactory() {
		return TestDatabases.mariadb();
	}

}
