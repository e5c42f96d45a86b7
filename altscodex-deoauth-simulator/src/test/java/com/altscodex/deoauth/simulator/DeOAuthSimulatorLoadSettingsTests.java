package com.altscodex.deoauth.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import com.altscodex.deoauth.simulator.CallbackReceiver.Callback;
import com.altscodex.deoauth.simulator.DeOAuthTestClient.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The builder settings that keep a simulator's memory bounded under load:
 * {@code recordTraffic(false)}, {@code maxRecordedRequests(..)},
 * {@code maxRecordedCallbacks(..)} and {@code refreshTokenTtl(..)}.
 */
class DeOAuthSimulatorLoadSettingsTests {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Test
	void recordTrafficWhenOffThenLoginsWorkAndNothingIsRecorded() {
		try (CallbackReceiver app = CallbackReceiver.start();
				DeOAuthSimulator simulator = DeOAuthSimulator.builder()
					.client("shop", "shop-secret", "*")
					.recordTraffic(false)
					.build()
					.start()) {
			DeOAuthTestClient client = new DeOAuthTestClient(simulator);
			Mono<Callback> callback = app.next();
			Reply authorized = client.authorize(simulator.issueJwt("alice"), "shop", app.redirectUri(), "s1")
				.block(TIMEOUT);
			assertThat(authorized.json().get("success").asBoolean()).isTrue();
			String code = callback.block(TIMEOUT).param("code");
			Reply slot = client.getToken("shop", "shop-secret", code, app.redirectUri()).block(TIMEOUT);
			assertThat(slot.text("id")).isEqualTo("alice");
			assertThat(simulator.requests()).isEmpty();
			assertThat(simulator.requests(DeOAuthEndpoints.AUTHORIZE_PATH)).isEmpty();
			assertThat(simulator.callbacks()).isEmpty();
			assertThat(simulator.callbacksSent()).isZero();
			simulator.clearRequests();
			simulator.clearCallbacks();
			simulator.awaitRequest(DeOAuthEndpoints.AUTHORIZE_PATH)
				.as(StepVerifier::create)
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("recordTraffic(false)"))
				.verify(TIMEOUT);
			simulator.awaitCallbacks(1)
				.as(StepVerifier::create)
				.expectError(IllegalStateException.class)
				.verify(TIMEOUT);
		}
	}

	@Test
	void recordTrafficByDefault() {
		try (CallbackReceiver app = CallbackReceiver.start();
				DeOAuthSimulator simulator = DeOAuthSimulator.builder()
					.client("shop", "shop-secret", "*")
					.build()
					.start()) {
			new DeOAuthTestClient(simulator).authorize(simulator.issueJwt("bob"), "shop", app.redirectUri(), "s2")
				.block(TIMEOUT);
			simulator.awaitCallbacks(1).block(TIMEOUT);
			assertThat(simulator.requests(DeOAuthEndpoints.AUTHORIZE_PATH)).singleElement()
				.satisfies((request) -> assertThat(request.queryParam("state")).isEqualTo("s2"));
			assertThat(simulator.callbacks()).singleElement()
				.satisfies((attempt) -> assertThat(attempt.state()).isEqualTo("s2"));
		}
	}

	@Test
	void maxRecordedWhenExceededThenKeepsTheLatestAndAwaitingStillWorks() {
		try (CallbackReceiver app = CallbackReceiver.start();
				DeOAuthSimulator simulator = DeOAuthSimulator.builder()
					.client("shop", "shop-secret", "*")
					.maxRecordedRequests(2)
					.maxRecordedCallbacks(3)
					.build()
					.start()) {
			DeOAuthTestClient client = new DeOAuthTestClient(simulator);
			Mono<Void> fiveCallbacks = simulator.awaitCallbacks(5);
			for (int i = 1; i <= 5; i++) {
				client.authorize(simulator.issueJwt("alice"), "shop", app.redirectUri(), "s" + i).block(TIMEOUT);
			}
			fiveCallbacks.as(StepVerifier::create).expectComplete().verify(TIMEOUT);
			assertThat(simulator.requests()).extracting((request) -> request.queryParam("state"))
				.containsExactly("s4", "s5");
			assertThat(simulator.callbacks()).hasSize(3);
			assertThat(simulator.callbacksSent()).isEqualTo(5);
			simulator.awaitCallbacks(5).as(StepVerifier::create).expectComplete().verify(TIMEOUT);

			Mono<RecordedRequest> next = simulator.awaitRequest(DeOAuthEndpoints.AUTHORIZE_PATH);
			client.authorize(simulator.issueJwt("bob"), "shop", app.redirectUri(), "s6").block(TIMEOUT);
			next.as(StepVerifier::create)
				.assertNext((request) -> assertThat(request.queryParam("state")).isEqualTo("s6"))
				.expectComplete()
				.verify(TIMEOUT);
			simulator.awaitCallbacks(6).as(StepVerifier::create).expectComplete().verify(TIMEOUT);
			assertThat(simulator.requests()).extracting((request) -> request.queryParam("state"))
				.containsExactly("s5", "s6");
			assertThat(simulator.callbacks()).hasSize(3);
		}
	}

	@Test
	void recordTrafficByDefaultKeepsTheLatestTenThousandRequests() {
		int sent = DeOAuthSimulator.DEFAULT_MAX_RECORDED + 5;
		try (DeOAuthSimulator simulator = DeOAuthSimulator.builder().build().start()) {
			DeOAuthTestClient client = new DeOAuthTestClient(simulator);
			Flux.range(1, sent)
				.flatMap((i) -> client.get("/nowhere?i=" + i, null), 32)
				.then()
				.block(Duration.ofSeconds(60));
			assertThat(DeOAuthSimulator.DEFAULT_MAX_RECORDED).isEqualTo(10_000);
			assertThat(simulator.requests()).hasSize(DeOAuthSimulator.DEFAULT_MAX_RECORDED);
		}
	}

	@Test
	void maxRecordedMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> DeOAuthSimulator.builder().maxRecordedRequests(0));
		assertThatIllegalArgumentException().isThrownBy(() -> DeOAuthSimulator.builder().maxRecordedCallbacks(-1));
	}

	@Test
	void refreshTokenTtlWhenExpiredThenRefused() {
		MutableClock clock = new MutableClock();
		try (DeOAuthSimulator simulator = DeOAuthSimulator.builder()
			.client("shop", "shop-secret", "*")
			.clock(clock)
			.refreshTokenTtl(Duration.ofMinutes(1))
			.build()
			.start()) {
			DeOAuthTestClient client = new DeOAuthTestClient(simulator);
			String expiring = simulator.issueRefreshToken("carol");
			clock.advance(Duration.ofMinutes(1));
			assertThat(refresh(client, expiring).text("message")).isEqualTo("Invalid refresh token");
			String fresh = simulator.issueRefreshToken("carol");
			clock.advance(Duration.ofSeconds(59));
			assertThat(refresh(client, fresh).json().get("success").asBoolean()).isTrue();
		}
	}

	@Test
	void refreshTokenTtlWhenSetThenExpiredTokensArePurged() {
		MutableClock clock = new MutableClock();
		RefreshTokens tokens = new RefreshTokens(new RandomTokens(), clock, Duration.ofSeconds(30));
		for (int i = 1; i < 1024; i++) {
			tokens.issue("user-" + i, null);
		}
		clock.advance(Duration.ofSeconds(30));
		// the 1024th issue purges the expired tokens first
		tokens.issue("user-1024", null);
		assertThat(tokens.size()).isEqualTo(1);
	}

	@Test
	void refreshTokensWithoutTtlNeverExpire() {
		MutableClock clock = new MutableClock();
		RefreshTokens tokens = new RefreshTokens(new RandomTokens(), clock, null);
		String token = tokens.issue("dave", null);
		for (int i = 1; i < 1024; i++) {
			tokens.issue("user-" + i, null);
		}
		clock.advance(Duration.ofDays(3650));
		assertThat(tokens.size()).isEqualTo(1024);
		assertThat(tokens.redeem(token, "any")).isNotNull();
	}

	@Test
	void refreshTokenTtlMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> DeOAuthSimulator.builder().refreshTokenTtl(Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DeOAuthSimulator.builder().refreshTokenTtl(Duration.ofSeconds(-1)));
	}

	private static Reply refresh(DeOAuthTestClient client, String refreshToken) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("refresh_token", refreshToken);
		body.put("client_id", "shop");
		body.put("client_secret", "shop-secret");
		body.put("redirect_uri", "http://127.0.0.1/cb");
		body.put("code", "c");
		return client.post(DeOAuthEndpoints.REFRESH_PATH, null, DeOAuthTestClient.JSON.writeValueAsString(body))
			.block(TIMEOUT);
	}

	/**
	 * A clock that moves only when told.
	 */
	static final class MutableClock extends Clock {

		private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
