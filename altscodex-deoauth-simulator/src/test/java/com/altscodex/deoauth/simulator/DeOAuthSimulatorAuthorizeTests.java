package com.altscodex.deoauth.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import com.altscodex.deoauth.simulator.CallbackReceiver.Callback;
import com.altscodex.deoauth.simulator.DeOAuthTestClient.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The popup flow against a real application: authorize, callback, code exchange.
 */
class DeOAuthSimulatorAuthorizeTests {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	static CallbackReceiver app;

	static DeOAuthSimulator simulator;

	static DeOAuthTestClient client;

	@BeforeAll
	static void start() {
		app = CallbackReceiver.start();
		simulator = DeOAuthSimulator.builder()
			.client("shop", "shop-secret", "http://127.0.0.1:*" + CallbackReceiver.CALLBACK_PATH)
			.client("other", "other-secret", "*")
			.build()
			.start();
		client = new DeOAuthTestClient(simulator);
	}

	@AfterAll
	static void stop() {
		simulator.close();
		app.close();
	}

	@AfterEach
	void settleCallbacks() {
		// each callback the app received is recorded by the simulator once the app's answer is back
		simulator.awaitCallbacks(app.received().size()).block(TIMEOUT);
	}

	@BeforeEach
	void reset() {
		simulator.behavior().reset();
		simulator.clearRequests();
		simulator.clearCallbacks();
		app.clear();
	}

	@Test
	void authorizeWhenJwtValidThenAnswersAuthorizedAndCallsBackWithCodeForTheUser() {
		Mono<Callback> callback = app.next();
		client.authorize(simulator.issueJwt("alice"), "shop", app.redirectUri(), "state-1")
			.as(StepVerifier::create)
			.assertNext((reply) -> {
				assertThat(reply.status()).isEqualTo(200);
				assertThat(reply.json().get("success").asBoolean()).isTrue();
				assertThat(reply.text("msg")).isEqualTo("authorized");
			})
			.verifyComplete();
		Callback received = callback.block(TIMEOUT);
		assertThat(received.method()).isEqualTo("POST");
		assertThat(received.path()).isEqualTo(CallbackReceiver.CALLBACK_PATH);
		assertThat(received.param("state")).isEqualTo("state-1");
		assertThat(received.param("success")).isEqualTo("1");
		assertThat(received.param("code")).matches("[A-Za-z0-9_-]{32}");
		assertThat(received.body()).isEmpty();
		String code = received.param("code");
		client.getToken("shop", "shop-secret", code, app.redirectUri())
			.as(StepVerifier::create)
			.assertNext((reply) -> {
				assertThat(reply.status()).isEqualTo(200);
				SimulatedUser alice = simulator.user("alice");
				JsonNode slot = reply.json();
				assertThat(slot.get("id").asString()).isEqualTo("alice");
				assertThat(slot.get("token_nickname").asString()).isEqualTo("Alice");
				assertThat(slot.get("content_address").asString()).isEqualTo(alice.contentAddress())
					.matches("0x[0-9a-f]{40}");
				assertThat(slot.get("tr_cnt").asLong()).isEqualTo(alice.trCnt());
				assertThat(slot.get("code").asString()).isEqualTo(code);
				assertThat(slot.get("access_token").asString()).startsWith("at_");
				assertThat(slot.get("refresh_token").asString()).startsWith("rt_");
			})
			.verifyComplete();
		simulator.awaitCallbacks(1).block(TIMEOUT);
		assertThat(simulator.callbacks()).singleElement().satisfies((attempt) -> {
			assertThat(attempt.redirectUri()).isEqualTo(app.redirectUri());
			assertThat(attempt.state()).isEqualTo("state-1");
			assertThat(attempt.code()).isEqualTo(code);
			assertThat(attempt.success()).isEqualTo("1");
			assertThat(attempt.status()).isEqualTo(200);
			assertThat(attempt.answeredSuccessfully()).isTrue();
		});
		assertThat(simulator.callbacksSent()).isEqualTo(1);
	}

	@Test
	void getTokenWhenCodeUsedTwiceThenInvalidGrant() {
		String code = login("bob", "state-2");
		assertThat(exchange(code).status()).isEqualTo(200);
		Reply second = exchange(code);
		assertThat(second.status()).isEqualTo(400);
		assertThat(second.text("error")).isEqualTo("invalid_grant");
	}

	@Test
	void getTokenWhenOneCodeExchangedConcurrentlyThenExactlyOneWins() {
		String code = login("carol", "state-3");
		List<Integer> statuses = Flux.range(0, 16)
			.flatMap((i) -> client.getToken("shop", "shop-secret", code, app.redirectUri()))
			.map(Reply::status)
			.collectList()
			.block(TIMEOUT);
		assertThat(statuses).hasSize(16).containsOnlyOnce(200).filteredOn((status) -> status != 200).containsOnly(400);
	}

	@Test
	void authorizeWhenJwtExpiredThenExpiredTokenAndNoCallback() {
		client.authorize(simulator.issueJwt("alice", Duration.ofMinutes(-1)), "shop", app.redirectUri(), "expired")
			.as(StepVerifier::create)
			.assertNext((reply) -> {
				assertThat(reply.status()).isEqualTo(200);
				assertThat(reply.json().get("success").asBoolean()).isFalse();
				assertThat(reply.text("code")).isEqualTo("EXPIRED_TOKEN");
				assertThat(reply.text("msg")).isEqualTo("Token expired");
			})
			.verifyComplete();
		login("alice", "after-expired");
		assertThat(app.received()).extracting((callback) -> callback.param("state")).containsExactly("after-expired");
	}

	@Test
	void authorizeWhenNoBearerTokenThenUnauthorized() {
		client.authorize(null, "shop", app.redirectUri(), "s").as(StepVerifier::create).assertNext((reply) -> {
			assertThat(reply.status()).isEqualTo(401);
			assertThat(reply.json().get("success").asBoolean()).isFalse();
			assertThat(reply.text("code")).isEqualTo("UNAUTHORIZED");
			assertThat(reply.text("msg")).isNotBlank();
		}).verifyComplete();
		assertThat(client.get(DeOAuthEndpoints.AUTHORIZE_PATH + "?client_id=shop&respose_type=code&state=s",
				DeOAuthTestClient.basic("shop", "shop-secret"))
			.block(TIMEOUT)
			.status()).isEqualTo(401);
	}

	@Test
	void authorizeWhenJwtTamperedOrMalformedThenInvalidToken() {
		String jwt = simulator.issueJwt("alice");
		String tampered = jwt.substring(0, jwt.lastIndexOf('.') + 1) + "AAAA" + jwt.substring(jwt.lastIndexOf('.') + 5);
		String foreign;
		try (DeOAuthSimulator other = DeOAuthSimulator.builder().signingKey("another-key").build()) {
			foreign = other.issueJwt("alice");
		}
		for (String token : List.of(tampered, foreign, "not-a-jwt", "a.b.c")) {
			Reply reply = client.authorize(token, "shop", app.redirectUri(), "s").block(TIMEOUT);
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.text("code")).as(token).isEqualTo("INVALID_TOKEN");
		}
	}

	@Test
	void authorizeWhenRequestInvalidThenAuthorizeError() {
		String jwt = simulator.issueJwt("alice");
		List<Reply> replies = List.of(client.authorize(jwt, "unknown", app.redirectUri(), "s").block(TIMEOUT),
				client.authorize(jwt, "shop", "http://evil.example/login/altscodex", "s").block(TIMEOUT),
				client.authorize(jwt, "shop", app.redirectUri(), null).block(TIMEOUT),
				client.get(DeOAuthEndpoints.AUTHORIZE_PATH + "?client_id=shop&redirect_uri=" + app.redirectUri()
						+ "&respose_type=token&state=s", "Bearer " + jwt)
					.block(TIMEOUT),
				client.get(DeOAuthEndpoints.AUTHORIZE_PATH + "?client_id=shop&redirect_uri=" + app.redirectUri()
						+ "&response_type=code&state=s", "Bearer " + jwt)
					.block(TIMEOUT));
		assertThat(replies).allSatisfy((reply) -> {
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.json().get("success").asBoolean()).isFalse();
			assertThat(reply.text("code")).isEqualTo("AUTHORIZE_ERROR");
			assertThat(reply.text("msg")).isNotBlank();
		});
		assertThat(simulator.requests(DeOAuthEndpoints.AUTHORIZE_PATH)).hasSize(5);
	}

	@Test
	void authorizeWhenRedirectUriMatchesGlobThenAllowed() {
		String jwt = simulator.issueJwt("alice");
		assertThat(client.authorize(jwt, "shop", "http://127.0.0.1:1" + CallbackReceiver.CALLBACK_PATH, null)
			.block(TIMEOUT)
			.text("msg")).isEqualTo("Missing state");
		assertThat(client.authorize(jwt, "shop", "http://127.0.0.1:1/elsewhere", null).block(TIMEOUT).text("msg"))
			.contains("redirect_uri");
		assertThat(client.authorize(jwt, "shop", "http://localhost:1" + CallbackReceiver.CALLBACK_PATH, null)
			.block(TIMEOUT)
			.text("msg")).contains("redirect_uri");
		String anyUri = "http://localhost:" + app.port() + "/somewhere/else?tenant=1";
		Mono<Callback> callback = app.next();
		assertThat(client.authorize(jwt, "other", anyUri, "glob").block(TIMEOUT).status()).isEqualTo(200);
		Callback received = callback.block(TIMEOUT);
		assertThat(received.path()).isEqualTo("/somewhere/else");
		assertThat(received.params()).containsEntry("tenant", List.of("1")).containsEntry("state", List.of("glob"));
	}

	@Test
	void getTokenWhenClientCredentialsWrongThenInvalidClient() {
		String code = login("alice", "creds");
		String body = "{\"grant_type\":\"code\",\"code\":\"" + code + "\",\"redirect_uri\":\"" + app.redirectUri()
				+ "\"}";
		for (String authorization : new String[] { DeOAuthTestClient.basic("shop", "wrong"),
				DeOAuthTestClient.basic("nobody", "shop-secret"), "Basic !!!", "Bearer x", null }) {
			Reply reply = client.post(DeOAuthEndpoints.GET_TOKEN_PATH, authorization, body).block(TIMEOUT);
			assertThat(reply.status()).as(String.valueOf(authorization)).isEqualTo(401);
			assertThat(reply.text("error")).isEqualTo("invalid_client");
		}
		assertThat(exchange(code).status()).isEqualTo(200);
	}

	@Test
	void getTokenWhenBodyInvalidThenInvalidRequest() {
		String basic = DeOAuthTestClient.basic("shop", "shop-secret");
		for (String body : new String[] { "not json", "[]", "{\"grant_type\":\"password\",\"code\":\"c\","
				+ "\"redirect_uri\":\"u\"}", "{\"grant_type\":\"code\",\"redirect_uri\":\"u\"}", "" }) {
			Reply reply = client.post(DeOAuthEndpoints.GET_TOKEN_PATH, basic, body).block(TIMEOUT);
			assertThat(reply.status()).as(body).isEqualTo(400);
			assertThat(reply.text("error")).isEqualTo("invalid_request");
		}
	}

	@Test
	void getTokenWhenRedirectUriOrClientDifferThenInvalidGrantAndCodeStaysUsable() {
		String code = login("bob", "mismatch");
		Reply otherUri = client.getToken("shop", "shop-secret", code, app.redirectUri() + "/x").block(TIMEOUT);
		Reply otherClient = client.getToken("other", "other-secret", code, app.redirectUri()).block(TIMEOUT);
		Reply unknown = client.getToken("shop", "shop-secret", "no-such-code", app.redirectUri()).block(TIMEOUT);
		assertThat(List.of(otherUri, otherClient, unknown)).allSatisfy((reply) -> {
			assertThat(reply.status()).isEqualTo(400);
			assertThat(reply.text("error")).isEqualTo("invalid_grant");
		});
		assertThat(exchange(code).text("id")).isEqualTo("bob");
	}

	@Test
	void getTokenWhenCodeExpiredThenInvalidGrant() {
		try (DeOAuthSimulator expiring = DeOAuthSimulator.builder()
			.client("shop", "shop-secret", "*")
			.codeTtl(Duration.ZERO)
			.build()
			.start()) {
			DeOAuthTestClient expiringClient = new DeOAuthTestClient(expiring);
			Mono<Callback> callback = app.next();
			expiringClient.authorize(expiring.issueJwt("alice"), "shop", app.redirectUri(), "expiring").block(TIMEOUT);
			String code = callback.block(TIMEOUT).param("code");
			Reply reply = expiringClient.getToken("shop", "shop-secret", code, app.redirectUri()).block(TIMEOUT);
			assertThat(reply.status()).isEqualTo(400);
			assertThat(reply.text("error")).isEqualTo("invalid_grant");
			expiring.awaitCallbacks(1).block(TIMEOUT);
			app.clear();
		}
	}

	@Test
	void jwtForUnknownUserGetsDerivedSlot() {
		String code = login("user-4711", "unknown-user");
		JsonNode slot = exchange(code).json();
		assertThat(slot.get("id").asString()).isEqualTo("user-4711");
		assertThat(slot.get("token_nickname").asString()).isEqualTo("User-4711");
		assertThat(slot.get("content_address").asString()).matches("0x[0-9a-f]{40}")
			.isEqualTo(simulator.user("user-4711").contentAddress())
			.isNotEqualTo(simulator.user("user-4712").contentAddress());
		assertThat(slot.get("tr_cnt").asLong()).isBetween(0L, 999L);
	}

	@Test
	void manyConcurrentLoginsAllCompleteForTheirOwnUsers() {
		int logins = 300;
		Map<String, String> userByState = new java.util.concurrent.ConcurrentHashMap<>();
		Flux.range(0, logins).flatMap((i) -> {
			String user = "load-" + i;
			userByState.put("load-state-" + i, user);
			return client.authorize(simulator.issueJwt(user), "shop", app.redirectUri(), "load-state-" + i);
		}, 64).map(Reply::status).collectList().as(StepVerifier::create).assertNext((statuses) -> {
			assertThat(statuses).hasSize(logins).containsOnly(200);
		}).verifyComplete();
		simulator.awaitCallbacks(logins).block(TIMEOUT);
		List<Callback> callbacks = app.received();
		assertThat(callbacks).hasSize(logins);
		Flux.fromIterable(callbacks)
			.flatMap((callback) -> client.getToken("shop", "shop-secret", callback.param("code"), app.redirectUri())
				.map((reply) -> reply.text("id").equals(userByState.get(callback.param("state")))), 64)
			.collectList()
			.as(StepVerifier::create)
			.assertNext((matches) -> assertThat(matches).hasSize(logins).containsOnly(true))
			.verifyComplete();
	}

	@Test
	void issueJwtForTenThousandDistinctUsers() {
		for (int i = 0; i < 10_000; i++) {
			simulator.issueJwt("bulk-" + i);
		}
		assertThat(simulator.user("bulk-9999").contentAddress()).matches("0x[0-9a-f]{40}");
		assertThat(simulator.user("bulk-9999")).isEqualTo(simulator.user("bulk-9999"));
	}

	@Test
	void unknownPathThenNotFoundAndRecorded() {
		Reply reply = client.get("/nope?x=1", null).block(TIMEOUT);
		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.text("error")).isEqualTo("not_found");
		assertThat(client.get(DeOAuthEndpoints.GET_TOKEN_PATH, null).block(TIMEOUT).status()).isEqualTo(404);
		assertThat(simulator.requests()).extracting(RecordedRequest::path)
			.containsExactly("/nope", DeOAuthEndpoints.GET_TOKEN_PATH);
		assertThat(simulator.requests("/nope")).singleElement()
			.satisfies((request) -> assertThat(request.queryParam("x")).isEqualTo("1"));
	}

	@Test
	void malformedEscapeInUriThenBadRequestAndNotRecorded() {
		for (String uri : new String[] { "/oauth/login?client_id=%zz", "/%zz", "/oauth/login?a=%E0%A4%A" }) {
			Reply reply = client.get(uri, null).block(TIMEOUT);
			assertThat(reply.status()).as(uri).isEqualTo(400);
			assertThat(reply.text("error")).isEqualTo("invalid_request");
		}
		assertThat(simulator.requests()).isEmpty();
	}

	static String login(String user, String state) {
		Mono<Callback> callback = app.next();
		Reply reply = client.authorize(simulator.issueJwt(user), "shop", app.redirectUri(), state).block(TIMEOUT);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().get("success").asBoolean()).as(reply.body()).isTrue();
		Callback received = callback.block(TIMEOUT);
		assertThat(received.param("state")).isEqualTo(state);
		return received.param("code");
	}

	static Reply exchange(String code) {
		return client.getToken("shop", "shop-secret", code, app.redirectUri()).block(TIMEOUT);
	}

}
