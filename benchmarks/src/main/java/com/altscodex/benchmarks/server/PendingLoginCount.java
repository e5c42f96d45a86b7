package com.altscodex.benchmarks.server;

/**
 * How many logins an app has waiting for their DeOAuth callback, and how many it refused
 * because too many were waiting.
 */
@FunctionalInterface
public interface PendingLoginCount {

	int get();

	/**
	 * The logins refused since the app started because too many were pending; {@code 0}
	 * for an app that never refuses.
	 */
	default long refused() {
		return 0;
	}

}
