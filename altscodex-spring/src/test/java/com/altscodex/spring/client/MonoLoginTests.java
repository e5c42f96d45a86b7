package com.altscodex.spring.client;

import java.lang.ref.WeakReference;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import com.altscodex.spring.client.pending.AuthorizationCallback;
import com.altscodex.spring.client.pending.InMemoryPendingLoginRegistry;
import com.altscodex.spring.client.pending.PendingLogin;
import com.altscodex.spring.testsupport.Reachability;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a login keeps while it waits for its callback, which may be minutes for each of
 * a hundred thousand logins.
 */
class MonoLoginTests {

	private final InMemoryPendingLoginRegistry registry = new InMemoryPendingLoginRegistry();

	@Test
	void waitingForCallbackThenHoldsNoFinishedAuthorizeExchange() {
		// stands for what a finished WebClient exchange leaves behind: request, response, buffers
		Object exchange = new byte[256 * 1024];
		WeakReference<Object> held = new WeakReference<>(exchange);
		Steps steps = new Steps(this.registry, exchange);
		exchange = null;
		Disposable login = new MonoLogin(steps, "state-1", new OneTimeJwt("a.b.c"), Duration.ofMinutes(10))
			.subscribe();
		try {
			assertThat(this.registry.size("test")).as("the login waits for its callback").isOne();
			assertThat(steps.authorized).isTrue();
			assertThat(Reachability.isCollected(held)).as("the finished authorize exchange collected").isTrue();
		}
		finally {
			login.dispose();
		}
		assertThat(this.registry.size("test")).isZero();
	}

	private static final class Steps implements MonoLogin.Steps {

		private final InMemoryPendingLoginRegistry registry;

		private Object exchange;

		private volatile boolean authorized;

		Steps(InMemoryPendingLoginRegistry registry, Object exchange) {
			this.registry = registry;
			this.exchange = exchange;
		}

		@Override
		public PendingLogin register(String state, Duration timeout) {
			return this.registry.register("test", state, 10);
		}

		@Override
		public Mono<Void> ready(PendingLogin pending) {
			return pending.ready();
		}

		@Override
		public boolean isRunning() {
			return true;
		}

		@Override
		public Throwable shutdown() {
			return new ClientShutdownException("test");
		}

		@Override
		public Mono<Void> authorize(String state, HttpCredential bearer) {
			// the answer is read into the chain, as WebClient's is; the steps forget it
			Mono<Void> authorize = Mono.just(this.exchange).doOnNext((answer) -> this.authorized = true).then();
			this.exchange = null;
			return authorize;
		}

		@Override
		public Mono<SlotInfo> exchange(AuthorizationCallback callback) {
			return Mono.empty();
		}

	}

}
