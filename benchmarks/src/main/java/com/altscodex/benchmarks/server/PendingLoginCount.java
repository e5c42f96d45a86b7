package com.altscodex.benchmarks.server;

/**
 * How many logins an app has waiting for their DeOAuth callback.
 */
@FunctionalInterface
public interface PendingLoginCount {

	int get();

}
