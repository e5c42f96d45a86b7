package com.altscodex.spring.testsupport.r2dbc;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

import org.springframework.util.ClassUtils;

/**
 * Prepares H2 (2.4) for BlockHound. The first time a statement refers to a name H2 must
 * look up twice (a recursive query's own name, such as the role store's), H2 raises and
 * catches an internal exception whose class reads its messages from H2's jar in a static
 * initializer: once per JVM, on whatever thread runs that statement. This runs the
 * initializer now, on the thread that installs BlockHound, so that an event loop never
 * finds it to do; nothing of H2 is let through.
 * <p>
 * Registered in {@code META-INF/services/reactor.blockhound.integration.BlockHoundIntegration};
 * a module whose tests use H2 registers it there too.
 */
public final class H2BlockHoundIntegration implements BlockHoundIntegration {

	private static final String DB_EXCEPTION = "org.h2.message.DbException";

	@Override
	public void applyTo(BlockHound.Builder builder) {
		ClassLoader classLoader = H2BlockHoundIntegration.class.getClassLoader();
		if (!ClassUtils.isPresent(DB_EXCEPTION, classLoader)) {
			return;
		}
		try {
			Class.forName(DB_EXCEPTION, true, classLoader);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
