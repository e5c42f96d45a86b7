package com.altscodex.deoauth.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import com.altscodex.deoauth.simulator.CallbackReceiver.Callback;
import com.altscodex.deoauth.simulator.DeOAuthTestClient.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Each knob of {@link SimulatorBehavior}, over real HTTP.
 */
class SimulatorBehaviorTests {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	static CallbackReceiver app;

	static DeOAuthSimulator simulator;

	static DeOAuthTestClient client;

	@BeforeAll
	static void start() {
		app = CallbackReceiver.start();
		simulator = DeOAuthSimulator.builder().client("shop", "shop-secret", "*").build().start();
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
	void callbackDelayDelaysTheCallbackAfterTheAnswer() {
		simulator.behavior().callbackDelay(Duration.ofMillis(400));
		Mono<Callback> callback = app.next();
		long start = System.nanoTime();
		Reply reply = authorize("alice", "delayed");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(app.received()).isEmpty();
		callback.block(TIMEOUT);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
	}

	@Test
	void callbackBeforeAuthorizeAnswerSendsTheCallbackFirst() {
		simulator.behavior().callbackBeforeAuthorizeAnswer(true);
		Reply reply = authorize("alice", "first");
		assertThat(reply.json().get("success").asBoolean()).isTrue();
		assertThat(app.received()).extracting((callback) -> callback.param("state")).containsExactly("first");
		assertThat(simulator.callbacks()).singleElement()
			.satisfies((attempt) -> assertThat(attempt.status()).isEqualTo(200));
	}

	@Test
	void rejectCallbackSendsSuccessZeroWithTheRejectionCode() {
		simulator.behavior().rejectCallback("ACCESS_DENIED");
		Callback callback = authorizeAndAwaitCallback("alice", "rejected");
		assertThat(callback.param("success")).isEqualTo("0");
		assertThat(callback.param("code")).isEqualTo("ACCESS_DENIED");
		assertThat(exchange("ACCESS_DENIED").text("error")).isEqualTo("invalid_grant");
		simulator.behavior().rejectCallback(null);
		assertThat(authorizeAndAwaitCallback("alice", "accepted").param("success")).isEqualTo("1");
	}

	@Test
	void callbackWithoutCodeSendsSuccessWithoutCode() {
		simulator.behavior().callbackWithoutCode(true);
		Callback callback = authorizeAndAwaitCallback("bob", "no-code");
		assertThat(callback.param("success")).isEqualTo("1");
		assertThat(callback.params()).containsOnlyKeys("state", "success");
	}

	@Test
	void duplicateCallbackSendsTheSameCallbackTwiceAndTheCodeWorksOnce() {
		simulator.behavior().duplicateCallback(true);
		authorize("carol", "twice");
		simulator.awaitCallbacks(2).block(TIMEOUT);
		List<Callback> callbacks = app.received();
		assertThat(callbacks).hasSize(2);
		assertThat(callbacks.get(0).params()).isEqualTo(callbacks.get(1).params());
		String code = callbacks.get(0).param("code");
		assertThat(exchange(code).status()).isEqualTo(200);
		assertThat(exchange(code).status()).isEqualTo(400);
	}

	@Test
	void callbackTargetsSendTheCallbackElsewhereWithACodeBoundToTheLoginsRedirectUri() {
		try (CallbackReceiver first = CallbackReceiver.start(); CallbackReceiver second = CallbackReceiver.start()) {
			simulator.behavior().callbackTargets((redirectUri) -> List.of(first.redirectUri(), second.redirectUri()));
			Mono<Callback> atFirst = first.next();
			Mono<Callback> atSecond = second.next();

			authorize("alice", "elsewhere");

			Callback one = atFirst.block(TIMEOUT);
			Callback two = atSecond.block(TIMEOUT);
			simulator.awaitCallbacks(2).block(TIMEOUT);
			assertThat(one.params()).isEqualTo(two.params());
			assertThat(one.param("state")).isEqualTo("elsewhere");
			assertThat(app.received()).isEmpty();
			assertThat(simulator.callbacks()).extracting(CallbackAttempt::redirectUri)
				.containsExactlyInAnyOrder(first.redirectUri(), second.redirectUri());
			// the code is the login's: exchanged with its own redirect_uri, once
			assertThat(exchange(one.param("code")).status()).isEqualTo(200);
			assertThat(exchange(one.param("code")).status()).isEqualTo(400);
		}
		simulator.behavior().callbackTargets(null);
		assertThat(authorizeAndAwaitCallback("alice", "home").param("state")).isEqualTo("home");
	}

	@Test
	void withholdCallbackAnswersSuccessButSendsNoCallback() {
		simulator.behavior().withholdCallback(true);
		assertThat(authorize("alice", "withheld").json().get("success").asBoolean()).isTrue();
		simulator.behavior().withholdCallback(false);
		authorizeAndAwaitCallback("alice", "sent");
		assertThat(app.received()).extracting((callback) -> callback.param("state")).containsExactly("sent");
	}

	@Test
	void authorizeFailureAnswersTheFailureWhateverTheInput() {
		simulator.behavior().authorizeFailure("AUTHORIZE_ERROR", "Slot locked");
		Reply reply = client.authorize(null, "nobody", "nowhere", null).block(TIMEOUT);
		assertThat(reply.status()).isEqualTo(200);
		JsonNode body = reply.json();
		assertThat(body.get("success").asBoolean()).isFalse();
		assertThat(body.get("code").asString()).isEqualTo("AUTHORIZE_ERROR");
		assertThat(body.get("msg").asString()).isEqualTo("Slot locked");
		simulator.behavior().authorizeFailure("EXPIRED_TOKEN", "Token expired");
		assertThat(authorize("alice", "s").text("code")).isEqualTo("EXPIRED_TOKEN");
		simulator.behavior().authorizeFailure(null, "");
		assertThat(authorizeAndAwaitCallback("alice", "normal").param("success")).isEqualTo("1");
		simulator.awaitCallbacks(1).block(TIMEOUT);
		assertThat(simulator.callbacks()).extracting(CallbackAttempt::state).containsExactly("normal");
	}

	@Test
	void authorizeHttpStatusAnswersThatStatusAndBody() {
		simulator.behavior().authorizeHttpStatus(503, "upstream down");
		Reply text = authorize("alice", "s");
		assertThat(text.status()).isEqualTo(503);
		assertThat(text.body()).isEqualTo("upstream down");
		assertThat(text.headers().get("Content-Type")).startsWith("text/plain");
		simulator.behavior().authorizeHttpStatus(400, "{\"error\":\"bad\"}");
		Reply json = authorize("alice", "s");
		assertThat(json.status()).isEqualTo(400);
		assertThat(json.text("error")).isEqualTo("bad");
		assertThat(json.headers().get("Content-Type")).isEqualTo("application/json");
		simulator.behavior().authorizeHttpStatus(0, "");
		Mono<Callback> callback = app.next();
		assertThat(authorize("alice", "s").status()).isEqualTo(200);
		callback.block(TIMEOUT);
	}

	@Test
	void getTokenHttpStatusAnswersThatStatusAndBody() {
		String code = authorizeAndAwaitCallback("alice", "s").param("code");
		simulator.behavior().getTokenHttpStatus(500, "Internal Server Error");
		Reply reply = exchange(code);
		assertThat(reply.status()).isEqualTo(500);
		assertThat(reply.body()).isEqualTo("Internal Server Error");
		simulator.behavior().getTokenHttpStatus(0, "");
		assertThat(exchange(code).status()).isEqualTo(200);
	}

	@Test
	void getTokenJunkAnswersTheJunkWithOk() {
		String code = authorizeAndAwaitCallback("alice", "s").param("code");
		for (String junk : List.of("<html>oops</html>", "{}", "[]", "{\"data\":[]}")) {
			simulator.behavior().getTokenJunk(junk);
			Reply reply = exchange(code);
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.body()).isEqualTo(junk);
		}
		simulator.behavior().getTokenJunk(null);
		assertThat(exchange(code).text("id")).isEqualTo("alice");
	}

	@Test
	void wrapSlotInDataWrapsTheSlot() {
		simulator.behavior().wrapSlotInData(true);
		String code = authorizeAndAwaitCallback("bob", "s").param("code");
		JsonNode body = exchange(code).json();
		assertThat(body.get("data").isArray()).isTrue();
		assertThat(body.get("data")).hasSize(1);
		assertThat(body.get("data").get(0).get("id").asString()).isEqualTo("bob");
		assertThat(body.get("data").get(0).get("code").asString()).isEqualTo(code);
	}

	@Test
	void getTokenExtraBytesPadsTheSlot() {
		simulator.behavior().getTokenExtraBytes(300_000);
		String code = authorizeAndAwaitCallback("alice", "s").param("code");
		Reply reply = exchange(code);
		assertThat(reply.body().length()).isGreaterThan(300_000);
		assertThat(reply.json().get("padding").asString()).hasSize(300_000);
		assertThat(reply.text("id")).isEqualTo("alice");
	}

	@Test
	void latencyDelaysEveryApiAnswer() {
		simulator.behavior().latency(Duration.ofMillis(300));
		long start = System.nanoTime();
		client.post(DeOAuthEndpoints.LOGOUT_PATH, "Bearer " + simulator.issueJwt("alice"), null)
			.as(StepVerifier::create)
			.assertNext((reply) -> assertThat(reply.status()).isEqualTo(200))
			.verifyComplete();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		start = System.nanoTime();
		Mono<Callback> callback = app.next();
		assertThat(authorize("alice", "slow").status()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		callback.block(TIMEOUT);
	}

	@Test
	void expiredJwtsMakesTheLoginPageHandOutExpiredJwts() {
		simulator.behavior().expiredJwts(true);
		Reply expired = client.authorize(loginPageJwt("alice"), "shop", app.redirectUri(), "expired").block(TIMEOUT);
		assertThat(expired.status()).isEqualTo(200);
		assertThat(expired.json().get("success").asBoolean()).isFalse();
		assertThat(expired.text("code")).isEqualTo("EXPIRED_TOKEN");
		// JWTs a test issues itself keep their time-to-live
		assertThat(authorizeAndAwaitCallback("alice", "issued").param("success")).isEqualTo("1");
		simulator.behavior().expiredJwts(false);
		Mono<Callback> callback = app.next();
		Reply valid = client.authorize(loginPageJwt("bob"), "shop", app.redirectUri(), "valid").block(TIMEOUT);
		assertThat(valid.json().get("success").asBoolean()).isTrue();
		assertThat(callback.block(TIMEOUT).param("state")).isEqualTo("valid");
	}

	@Test
	void resetRestoresTheDefaults() {
		simulator.behavior()
			.callbackDelay(Duration.ofSeconds(30))
			.rejectCallback("ACCESS_DENIED")
			.callbackWithoutCode(true)
			.withholdCallback(true)
			.authorizeFailure("AUTHORIZE_ERROR", "no")
			.authorizeHttpStatus(500, "no")
			.getTokenHttpStatus(500, "no")
			.getTokenJunk("no")
			.wrapSlotInData(true)
			.getTokenExtraBytes(10)
			.latency(Duration.ofSeconds(30))
			.expiredJwts(true)
			.reset();
		String code = authorizeAndAwaitCallback("alice", "defaults").param("code");
		assertThat(exchange(code).json().properties()).extracting((entry) -> entry.getKey())
			.containsExactly("id", "access_token", "content_address", "token_nickname", "tr_cnt", "code",
					"refresh_token");
		assertThat(simulator.behavior().toString()).contains("latency=PT0S", "expiredJwts=false");
		Reply loginPageJwt = client.authorize(loginPageJwt("bob"), "shop", app.redirectUri(), null).block(TIMEOUT);
		assertThat(loginPageJwt.text("code")).isEqualTo("AUTHORIZE_ERROR");
	}

	@Test
	void knobsRejectInvalidValues() {
		SimulatorBehavior behavior = simulator.behavior();
		assertThatIllegalArgumentException().isThrownBy(() -> behavior.callbackDelay(Duration.ofMillis(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> behavior.latency(Duration.ofMillis(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> behavior.authorizeHttpStatus(42, ""));
		assertThatIllegalArgumentException().isThrownBy(() -> behavior.getTokenHttpStatus(600, ""));
		assertThatIllegalArgumentException().isThrownBy(() -> behavior.getTokenExtraBytes(-1));
	}

	// the JWT the login page, in a popup, fetches for the chosen user
	private static String loginPageJwt(String user) {
		Map<String, @Nullable String> params = new LinkedHashMap<>();
		params.put("client_id", "shop");
		params.put("redirect_uri", app.redirectUri());
		params.put("user", user);
		Reply reply = client.get(CallbackSender.appendQuery(DeOAuthEndpoints.LOGIN_JWT_PATH, params), null)
			.block(TIMEOUT);
		assertThat(reply.status()).isEqualTo(200);
		return reply.text("jwt");
	}

	private static Reply authorize(String user, String state) {
		return client.authorize(simulator.issueJwt(user), "shop", app.redirectUri(), state).block(TIMEOUT);
	}

	private static Callback authorizeAndAwaitCallback(String user, String state) {
		Mono<Callback> callback = app.next();
		authorize(user, state);
		return callback.block(TIMEOUT);
	}

	private static Reply exchange(String code) {
		return client.getToken("shop", "shop-secret", code, app.redirectUri()).block(TIMEOUT);
	}

}
