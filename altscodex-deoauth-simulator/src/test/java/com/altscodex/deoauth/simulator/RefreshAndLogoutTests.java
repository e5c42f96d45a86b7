package com.altscodex.deoauth.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import com.altscodex.deoauth.simulator.CallbackReceiver.Callback;
import com.altscodex.deoauth.simulator.DeOAuthTestClient.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token refresh and logout endpoints.
 */
class RefreshAndLogoutTests {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	static DeOAuthSimulator simulator;

	static DeOAuthTestClient client;

	@BeforeAll
	static void start() {
		simulator = DeOAuthSimulator.builder()
			.client("shop", "shop-secret", "*")
			.client("other", "other-secret", "*")
			.build()
			.start();
		client = new DeOAuthTestClient(simulator);
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@Test
	void refreshWhenTokenValidThenNewTokensAndTheOldOneIsRotatedOut() {
		String refreshToken = simulator.issueRefreshToken("bob");
		Reply reply = refresh(refreshToken, "shop", "shop-secret");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().get("success").asBoolean()).isTrue();
		assertThat(reply.text("access_token")).startsWith("at_");
		assertThat(reply.text("refresh_token")).startsWith("rt_").isNotEqualTo(refreshToken);
		assertThat(reply.text("code")).isNotBlank();
		Reply reused = refresh(refreshToken, "shop", "shop-secret");
		assertThat(reused.json().get("success").asBoolean()).isFalse();
		assertThat(reused.text("message")).isEqualTo("Invalid refresh token");
		assertThat(refresh(reply.text("refresh_token"), "other", "other-secret").json().get("success").asBoolean())
			.isTrue();
	}

	@Test
	void refreshWhenTokenFromCodeExchangeThenBoundToThatClient() {
		try (CallbackReceiver app = CallbackReceiver.start()) {
			Mono<Callback> callback = app.next();
			client.authorize(simulator.issueJwt("carol"), "shop", app.redirectUri(), "s").block(TIMEOUT);
			String code = callback.block(TIMEOUT).param("code");
			String refreshToken = client.getToken("shop", "shop-secret", code, app.redirectUri())
				.block(TIMEOUT)
				.text("refresh_token");
			assertThat(refresh(refreshToken, "other", "other-secret").text("message"))
				.isEqualTo("Invalid refresh token");
			Reply refreshed = refresh(refreshToken, "shop", "shop-secret");
			assertThat(refreshed.json().get("success").asBoolean()).isTrue();
			Reply slot = client.getToken("shop", "shop-secret", refreshed.text("code"), "http://127.0.0.1/cb")
				.block(TIMEOUT);
			assertThat(slot.text("id")).isEqualTo("carol");
		}
	}

	@Test
	void refreshWhenClientCredentialsWrongThenFailure() {
		String refreshToken = simulator.issueRefreshToken("alice");
		Reply reply = refresh(refreshToken, "shop", "wrong");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().get("success").asBoolean()).isFalse();
		assertThat(reply.text("message")).isEqualTo("Invalid client credentials");
		assertThat(refresh(refreshToken, "nobody", "shop-secret").text("message"))
			.isEqualTo("Invalid client credentials");
		assertThat(refresh(refreshToken, "shop", "shop-secret").json().get("success").asBoolean()).isTrue();
	}

	@Test
	void refreshWhenTokenUnknownThenFailure() {
		Reply reply = refresh("rt_unknown", "shop", "shop-secret");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().get("success").asBoolean()).isFalse();
		assertThat(reply.text("message")).isEqualTo("Invalid refresh token");
	}

	@Test
	void refreshWhenBodyNotJsonThenBadRequest() {
		Reply reply = client.post(DeOAuthEndpoints.REFRESH_PATH, null, "refresh_token=x").block(TIMEOUT);
		assertThat(reply.status()).isEqualTo(400);
	}

	@Test
	void logoutWhenJwtSignedBySimulatorThenSuccessEvenWhenExpired() {
		for (String jwt : new String[] { simulator.issueJwt("alice"),
				simulator.issueJwt("alice", Duration.ofMinutes(-5)) }) {
			client.post(DeOAuthEndpoints.LOGOUT_PATH, "Bearer " + jwt, null)
				.as(StepVerifier::create)
				.assertNext((reply) -> {
					assertThat(reply.status()).isEqualTo(200);
					assertThat(reply.json().get("success").asBoolean()).isTrue();
				})
				.verifyComplete();
		}
	}

	@Test
	void logoutWhenJwtForeignOrMissingThenUnauthorized() {
		String foreign = DeOAuthSimulator.builder().build().issueJwt("alice");
		for (String authorization : new String[] { "Bearer " + foreign, "Bearer garbage", null }) {
			Reply reply = client.post(DeOAuthEndpoints.LOGOUT_PATH, authorization, null).block(TIMEOUT);
			assertThat(reply.status()).isEqualTo(401);
			assertThat(reply.json().get("success").asBoolean()).isFalse();
		}
	}

	private static Reply refresh(String refreshToken, String clientId, @Nullable String clientSecret) {
		Map<String, @Nullable String> body = new LinkedHashMap<>();
		body.put("refresh_token", refreshToken);
		body.put("client_id", clientId);
		body.put("client_secret", clientSecret);
		body.put("redirect_uri", "http://127.0.0.1/cb");
		body.put("code", "previous-code");
		return client.post(DeOAuthEndpoints.REFRESH_PATH, null, DeOAuthTestClient.JSON.writeValueAsString(body))
			.block(TIMEOUT);
	}

}
