package com.altscodex.spring.testsupport;

import java.time.Duration;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;
import com.altscodex.deoauth.simulator.RecordedRequest;

/**
 * Logins left waiting for a callback that never comes, for tests of what a waiting
 * login holds and how it ends.
 */
public final class WaitingLogins {

	private static final String AUTHORIZE = "/v1/oauth-meta/authorize";

	private WaitingLogins() {
	}

	/**
	 * Withholds the simulator's callbacks, subscribes to the login and returns once the
	 * simulator has received its authorize request.
	 * @param simulator the simulator the login talks to
	 * @param login the login
	 * @return the subscription, to cancel the login with
	 */
	public static Disposable subscribe(DeOAuthSimulatorExtension simulator, Mono<?> login) {
		simulator.behavior().withholdCallback(true);
		Mono<RecordedRequest> authorized = simulator.awaitRequest(AUTHORIZE).cache();
		authorized.subscribe();
		Disposable subscription = login.subscribe();
		authorized.block(Duration.ofSeconds(5));
		return subscription;
	}

}
