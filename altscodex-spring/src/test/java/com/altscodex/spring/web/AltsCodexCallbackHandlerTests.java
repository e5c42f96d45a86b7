package com.altscodex.spring.web;

import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.spring.client.ClientRegistration;
import com.altscodex.spring.client.DefaultAltsCodexClient;
import com.altscodex.spring.client.pending.AuthorizationCallback;
import com.altscodex.spring.client.pending.CallbackDelivery;
import com.altscodex.spring.client.pending.PendingLogin;
import com.altscodex.spring.client.pending.PendingLoginRegistry;

/**
 * How the callback endpoint answers when delivering a callback fails: a failed store is
 * DeOAuth's business no more than an unknown state (200, received), but an {@link Error}
 * is never swallowed into a normal answer.
 */
class AltsCodexCallbackHandlerTests {

	private final DefaultAltsCodexClient client = DefaultAltsCodexClient.builder(ClientRegistration.withName("default")
		.clientId("test-client")
		.clientSecret("test-secret")
		.redirectUri("http://127.0.0.1:9/login/altscodex")
		.build()).build();

	@AfterEach
	void destroy() {
		this.client.destroy();
	}

	@Test
	void callbackWhenTheStoreFailsThenReceived() {
		web(new FailingRegistry(() -> new IllegalStateException("store down"))).post()
			.uri("/login/altscodex?state=s&code=c&success=1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.received")
			.isEqualTo(true);
	}

	@Test
	void callbackWhenDeliveryRaisesAnErrorThenNotSwallowed() {
		web(new FailingRegistry(() -> new AssertionError("a blocked event loop, say"))).post()
			.uri("/login/altscodex?state=s&code=c&success=1")
			.exchange()
			.expectStatus()
			.is5xxServerError();
	}

	private WebTestClient web(PendingLoginRegistry registry) {
		return WebTestClient.bindToRouterFunction(AltsCodexCallbackRoutes.of(registry, List.of(this.client))).build();
	}

	private static final class FailingRegistry implements PendingLoginRegistry {

		private final Supplier<Throwable> failure;

		FailingRegistry(Supplier<Throwable> failure) {
			this.failure = failure;
		}

		@Override
		public @Nullable PendingLogin register(String clientName, String state, int limit) {
			return null;
		}

		@Override
		public Mono<CallbackDelivery> deliver(AuthorizationCallback callback) {
			return Mono.error(this.failure);
		}

		@Override
		public int size(String clientName) {
			return 0;
		}

		@Override
		public long refusedCount(String clientName) {
			return 0;
		}

		@Override
		public void failAll(String clientName, Supplier<? extends Throwable> error) {
		}

	}

}
