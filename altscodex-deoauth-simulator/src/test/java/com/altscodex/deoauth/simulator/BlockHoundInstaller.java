package com.altscodex.deoauth.simulator;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound once for the whole test run (registered through the
 * {@code ServiceLoader}), so that any blocking call the simulator makes on its event loops
 * fails the test that caused it.
 */
public final class BlockHoundInstaller implements BeforeAllCallback {

	static {
		BlockHound.install();
	}

	@Override
	public void beforeAll(ExtensionContext context) {
	}

}
