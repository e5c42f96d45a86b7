package com.altscodex.spring.testsupport.r2dbc;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

import org.springframework.util.ClassUtils;

/**
 * Prepares r2dbc-mariadb (1.4.x) for BlockHound. While a connection authenticates on the
 * event loop, the driver reads two files from its jar:
 * <ul>
 * <li>its version, once, in a static initializer: this runs it now, on the thread that
 * installs BlockHound, so the event loop finds it done;</li>
 * <li>its {@code META-INF/services} list of authentication plugins, through a
 * {@link java.util.ServiceLoader}, on every connection, which no setting avoids
 * (mariadb-connector-r2dbc#93): that one method is let through, nothing else of the
 * driver.</li>
 * </ul>
 * Registered in {@code META-INF/services/reactor.blockhound.integration.BlockHoundIntegration};
 * a module whose tests connect to MariaDB registers it there too.
 */
public final class MariaDbDriverBlockHoundIntegration implements BlockHoundIntegration {

	private static final String VERSION_HOLDER = "org.mariadb.r2dbc.util.VersionFactory$VersionFactoryHolder";

	@Override
	public void applyTo(BlockHound.Builder builder) {
		ClassLoader classLoader = MariaDbDriverBlockHoundIntegration.class.getClassLoader();
		if (!ClassUtils.isPresent(VERSION_HOLDER, classLoader)) {
			return;
		}
		try {
			Class.forName(VERSION_HOLDER, true, classLoader);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
		builder.allowBlockingCallsInside("org.mariadb.r2dbc.authentication.AuthenticationFlowPluginLoader", "get");
	}

}
