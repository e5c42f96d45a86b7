package com.altscodex.spring.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.WebClient;

import com.altscodex.deoauth.simulator.CallbackAttempt;
import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;
import com.altscodex.deoauth.simulator.RecordedRequest;
import com.altscodex.spring.client.pending.InMemoryPendingLoginRegistry;
import com.altscodex.spring.testsupport.CallbackServer;
import com.altscodex.spring.testsupport.Reachability;
import com.altscodex.spring.testsupport.StoppedObservations;
import com.altscodex.spring.testsupport.WaitingLogins;

import static com.altscodex.spring.testsupport.StoppedObservations.lowCardinality;
import static com.altscodex.spring.testsupport.StoppedObservations.parentOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client's and the callback endpoint's observations, against the DeOAuth simulator
 * over loopback HTTP: one per login, code exchange and callback, with the outcome each
 * ended with, parents of WebClient's observations of the calls to DeOAuth, and never a
 * secret in a key value.
 */
class AltsCodexObservationTests {

	private static final String CLIENT_ID = "test-client";

	private static final String CLIENT_SECRET = "test-secret-value-1234";

	private static final String AUTHORIZE = "/v1/oauth-meta/authorize";

	private static final String GET_TOKEN = "/v1/oauth-meta/get_token";

	private static final String LOGIN = "altscodex.login";

	private static final String CODE_EXCHANGE = "altscodex.code.exchange";

	private static final String CALLBACK = "altscodex.callback";

	private static final String HTTP_CLIENT = "http.client.requests";

	@RegisterExtension
	static final DeOAuthSimulatorExtension simulator = DeOAuthSimulatorExtension.create()
		.client(CLIENT_ID, CLIENT_SECRET, "http://127.0.0.1:*/login/altscodex");

	private static final TestObservationRegistry registry = TestObservationRegistry.create();

	private static final StoppedObservations observations = new StoppedObservations();

	private static final InMemoryPendingLoginRegistry pendingLogins = new InMemoryPendingLoginRegistry();

	private static CallbackServer callbackServer;

	private static DefaultAltsCodexClient client;

	@BeforeAll
	static void startApp() {
		registry.observationConfig()
			.observationHandler(observations)
			.observationFilter(new DeOAuthRequestObservationFilter());
		callbackServer = new CallbackServer();
		client = observedClient("default", simulator.baseUrl(), DeOAuthHttpSettings.defaults()).build();
		callbackServer.serve(pendingLogins, List.of(client), registry);
	}

	@AfterAll
	static void stopApp() {
		callbackServer.close();
		client.destroy();
	}

	@BeforeEach
	void reset() {
		simulator.behavior().reset();
		simulator.clearRequests();
		simulator.simulator().clearCallbacks();
		client.start();
		observations.clear();
		registry.clear();
	}

	static DefaultAltsCodexClient.Builder observedClient(String name, String authServerUrl,
			DeOAuthHttpSettings httpSettings) {
		return DefaultAltsCodexClient
			.builder(ClientRegistration.withName(name)
				.clientId(CLIENT_ID)
				.clientSecret(CLIENT_SECRET)
				.redirectUri(callbackServer.redirectUri())
				.authServerUrl(authServerUrl)
				.build())
			.webClientBuilder(WebClient.builder().observationRegistry(registry))
			.httpSettings(httpSettings)
			.pendingLogins(pendingLogins)
			.observationRegistry(registry);
	}

	@Test
	void loginWhenSucceedsThenLoginIsParentOfItsCallsAndOfItsCodeExchange() {
		String jwt = simulator.issueJwt("alice");
		SlotInfo slot = client.getSlotInfo(jwt).block(Duration.ofSeconds(10));
		String state = simulator.requests(AUTHORIZE).get(0).queryParam("state");
		String code = awaitCallbacks(state, 1).get(0).code();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(observations.named(HTTP_CLIENT)).hasSize(2));

		Observation.Context login = single(LOGIN);
		assertThat(lowCardinality(login, "client")).isEqualTo("default");
		assertThat(lowCardinality(login, "outcome")).isEqualTo("success");
		assertThat(login.getError()).isNull();
		assertThat(login.getContextualName()).isEqualTo("altscodex login");
		Observation.Context authorize = httpCall(AUTHORIZE);
		assertThat(parentOf(authorize)).isSameAs(login);
		// the state travels in authorize's query string, which stays out of the key values
		assertThat(authorize.getHighCardinalityKeyValue("http.url").getValue())
			.isEqualTo(simulator.baseUrl() + AUTHORIZE);

		Observation.Context callback = awaitSingle(CALLBACK);
		assertThat(lowCardinality(callback, "client")).isEqualTo("default");
		assertThat(lowCardinality(callback, "state")).isEqualTo("known");
		Observation.Context exchange = single(CODE_EXCHANGE);
		assertThat(lowCardinality(exchange, "client")).isEqualTo("default");
		assertThat(lowCardinality(exchange, "outcome")).isEqualTo("success");
		// the login that owns the state exchanges the code, wherever the callback landed
		assertThat(parentOf(exchange)).isSameAs(login);
		assertThat(parentOf(httpCall(GET_TOKEN))).isSameAs(exchange);

		assertThat(secretsInKeyValues(
				Map.of("jwt", jwt, "state", state, "code", code, "access token", slot.accessToken(), "client secret",
						CLIENT_SECRET, "state prefix", state.substring(0, 12))))
			.isEmpty();
		assertThat(observations.all()).allSatisfy((context) -> assertThat(context.getAllKeyValues())
			.noneMatch((keyValue) -> keyValue.getValue().equals(slot.id())));
	}

	@Test
	void loginWhenTokenExpiredThenOutcomeExpired() {
		client.getSlotInfo(simulator.issueJwt("alice", Duration.ofSeconds(-5)))
			.as(StepVerifier::create)
			.expectError(AuthorizeFailedException.class)
			.verify(Duration.ofSeconds(5));
		assertLogin("expired");
		assertThat(single(LOGIN).getError()).isInstanceOf(AuthorizeFailedException.class);
	}

	@Test
	void loginWhenAuthorizeFailsWithOtherCodeThenOutcomeFailed() {
		simulator.behavior().authorizeFailure("AUTHORIZE_ERROR", "client suspended");
		client.getSlotInfo(simulator.issueJwt("alice"))
			.as(StepVerifier::create)
			.expectError(AuthorizeFailedException.class)
			.verify(Duration.ofSeconds(5));
		assertLogin("failed");
	}

	@Test
	void loginWhenJwtInvalidThenOutcomeFailed() {
		client.getSlotInfo("not a jwt").as(StepVerifier::create).expectError(InvalidJwtException.class).verify();
		assertLogin("failed");
		assertThat(observations.named(HTTP_CLIENT)).isEmpty();
	}

	@Test
	void loginWhenGetTokenAnswersJunkThenLoginAndExchangeFailed() {
		simulator.behavior().getTokenJunk("<html>oops</html>");
		client.getSlotInfo(simulator.issueJwt("alice"))
			.as(StepVerifier::create)
			.expectError(InvalidResponseException.class)
			.verify(Duration.ofSeconds(5));
		assertLogin("failed");
		assertThat(lowCardinality(single(CODE_EXCHANGE), "outcome")).isEqualTo("failed");
		assertThat(lowCardinality(awaitSingle(CALLBACK), "state")).isEqualTo("known");
	}

	@Test
	void loginWhenCallbackRejectedThenOutcomeRejectedWithoutExchange() {
		simulator.behavior().rejectCallback("ACCESS_DENIED");
		client.getSlotInfo(simulator.issueJwt("alice"))
			.as(StepVerifier::create)
			.expectError(AuthorizeRejectedException.class)
			.verify(Duration.ofSeconds(5));
		assertLogin("rejected");
		assertThat(lowCardinality(awaitSingle(CALLBACK), "state")).isEqualTo("known");
		assertThat(observations.named(CODE_EXCHANGE)).isEmpty();
	}

	@Test
	void loginWhenCallbackWithoutCodeThenOutcomeRejected() {
		simulator.behavior().callbackWithoutCode(true);
		client.getSlotInfo(simulator.issueJwt("alice"))
			.as(StepVerifier::create)
			.expectError(AuthorizeRejectedException.class)
			.verify(Duration.ofSeconds(5));
		assertLogin("rejected");
		// the login ends within the delivery, just before the callback's observation stops
		assertThat(lowCardinality(awaitSingle(CALLBACK), "state")).isEqualTo("known");
	}

	@Test
	void loginWhenNoCallbackThenOutcomeTimeout() {
		simulator.behavior().withholdCallback(true);
		client.getSlotInfo(simulator.issueJwt("alice"), Duration.ofMillis(300))
			.as(StepVerifier::create)
			.expectError(CallbackTimeoutException.class)
			.verify(Duration.ofSeconds(5));
		assertLogin("timeout");
	}

	@Test
	void loginWhenClientStopsThenOutcomeShutdown() {
		DefaultAltsCodexClient stopping = observedClient("stopping", simulator.baseUrl(),
				DeOAuthHttpSettings.defaults())
			.build();
		try {
			simulator.behavior().withholdCallback(true);
			Mono<RecordedRequest> authorized = simulator.awaitRequest(AUTHORIZE).cache();
			authorized.subscribe();
			StepVerifier.create(stopping.getSlotInfo(simulator.issueJwt("alice"))).then(() -> {
				authorized.block(Duration.ofSeconds(5));
				stopping.stop();
			}).expectError(ClientShutdownException.class).verify(Duration.ofSeconds(5));
			stopping.getSlotInfo(simulator.issueJwt("alice"))
				.as(StepVerifier::create)
				.expectError(ClientShutdownException.class)
				.verify();
			assertThat(observations.named(LOGIN)).hasSize(2).allSatisfy((login) -> {
				assertThat(lowCardinality(login, "client")).isEqualTo("stopping");
				assertThat(lowCardinality(login, "outcome")).isEqualTo("shutdown");
			});
		}
		finally {
			stopping.destroy();
		}
	}

	@Test
	void loginWhenAuthorizeAnswersNon2xxThenOutcomeHttpError() {
		simulator.behavior().authorizeHttpStatus(503, "upstream down");
		client.getSlotInfo(simulator.issueJwt("alice"))
			.as(StepVerifier::create)
			.expectError(AltsCodexHttpException.class)
			.verify(Duration.ofSeconds(5));
		assertLogin("http_error");
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(lowCardinality(httpCall(AUTHORIZE), "status")).isEqualTo("503"));
	}

	@Test
	void loginWhenDeOAuthUnreachableThenOutcomeHttpError() {
		DefaultAltsCodexClient unreachable = observedClient("unreachable", "http://127.0.0.1:" + closedPort(),
				DeOAuthHttpSettings.defaults())
			.build();
		try {
			unreachable.getSlotInfo(simulator.issueJwt("alice"))
				.as(StepVerifier::create)
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(DeOAuthUnavailableException.class)
					.hasMessageStartingWith("Could not reach DeOAuth"))
				.verify(Duration.ofSeconds(10));
			assertThat(lowCardinality(single(LOGIN), "outcome")).isEqualTo("http_error");
		}
		finally {
			unreachable.destroy();
		}
	}

	@Test
	void loginWhenDeOAuthAnswersTooLateThenOutcomeHttpError() {
		DefaultAltsCodexClient impatient = observedClient("impatient", simulator.baseUrl(),
				new DeOAuthHttpSettings(Duration.ofSeconds(5), Duration.ofMillis(300),
						DeOAuthHttpSettings.DEFAULT_MAX_RESPONSE_SIZE, 10, 100, Duration.ofSeconds(5)))
			.build();
		try {
			// no callback either, so that none arrives during a later test
			simulator.behavior().latency(Duration.ofSeconds(2)).withholdCallback(true);
			impatient.getSlotInfo(simulator.issueJwt("alice"))
				.as(StepVerifier::create)
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(DeOAuthTimeoutException.class)
					.hasMessageContaining("in time"))
				.verify(Duration.ofSeconds(10));
			assertThat(lowCardinality(single(LOGIN), "outcome")).isEqualTo("http_error");
		}
		finally {
			impatient.destroy();
		}
	}

	@Test
	void loginWhenCancelledThenOutcomeCancelled() {
		Disposable login = WaitingLogins.subscribe(simulator, client.getSlotInfo(simulator.issueJwt("alice")));
		login.dispose();
		assertLogin("cancelled");
		assertThat(single(LOGIN).getError()).isNull();
	}

	@Test
	void exchangeCodeWhenCodeRefusedThenOutcomeHttpError() {
		client.exchangeCode("no-such-code")
			.as(StepVerifier::create)
			.expectError(AltsCodexHttpException.class)
			.verify(Duration.ofSeconds(5));
		Observation.Context exchange = single(CODE_EXCHANGE);
		assertThat(lowCardinality(exchange, "outcome")).isEqualTo("http_error");
		assertThat(parentOf(exchange)).isNull();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(parentOf(httpCall(GET_TOKEN))).isSameAs(exchange));
	}

	@Test
	void exchangeCodeWhenCodeMalformedThenOutcomeFailed() {
		client.exchangeCode(" ").as(StepVerifier::create).expectError(InvalidCodeException.class).verify();
		assertThat(lowCardinality(single(CODE_EXCHANGE), "outcome")).isEqualTo("failed");
	}

	@Test
	void callbackWhenStateUnknownThenObservedWithoutClient() {
		WebClient.create(callbackServer.baseUrl())
			.post()
			.uri("/login/altscodex?state=unknown-state&code=some-code&success=1")
			.retrieve()
			.toBodilessEntity()
			.block(Duration.ofSeconds(5));
		Observation.Context callback = awaitSingle(CALLBACK);
		assertThat(lowCardinality(callback, "client")).isEqualTo("none");
		assertThat(lowCardinality(callback, "state")).isEqualTo("unknown");
		assertThat(observations.named(CODE_EXCHANGE)).isEmpty();
		assertThat(simulator.requests()).isEmpty();
	}

	@Test
	void callbackWhenDuplicatedThenKnownOnceDuplicateOnceAndOneExchange() {
		// both callbacks arrive while the code exchange waits for DeOAuth's answer
		simulator.behavior().duplicateCallback(true).latency(Duration.ofMillis(500));
		client.getSlotInfo(simulator.issueJwt("alice")).block(Duration.ofSeconds(10));
		awaitCallbacks(simulator.requests(AUTHORIZE).get(0).queryParam("state"), 2);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(observations.named(CALLBACK)).hasSize(2));
		assertThat(observations.named(CALLBACK)).allSatisfy(
				(callback) -> assertThat(lowCardinality(callback, "client")).isEqualTo("default"))
			.extracting((callback) -> lowCardinality(callback, "state"))
			.containsExactlyInAnyOrder("known", "duplicate");
		// a second exchange would have started within the delivery of its callback: give
		// one in flight the time to end, and see that none does
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(3))
			.until(() -> observations.named(CODE_EXCHANGE).size() == 1
					&& simulator.requests(GET_TOKEN).size() == 1);
	}

	@Test
	void callbackWhenClientsShareThePathThenObservedOnceForTheClientWhoseLoginOwnsIt() {
		DefaultAltsCodexClient first = observedClient("first", simulator.baseUrl(), DeOAuthHttpSettings.defaults())
			.build();
		DefaultAltsCodexClient second = observedClient("second", simulator.baseUrl(), DeOAuthHttpSettings.defaults())
			.build();
		try {
			second.getSlotInfo(simulator.issueJwt("bob")).block(Duration.ofSeconds(10));
			awaitCallbacks(simulator.requests(AUTHORIZE).get(0).queryParam("state"), 1);
			Observation.Context callback = awaitSingle(CALLBACK);
			assertThat(lowCardinality(callback, "client")).isEqualTo("second");
			assertThat(lowCardinality(callback, "state")).isEqualTo("known");
			assertThat(lowCardinality(single(CODE_EXCHANGE), "client")).isEqualTo("second");
		}
		finally {
			first.destroy();
			second.destroy();
		}
	}

	@Test
	void loginWhenObservedAndWaitingForCallbackThenHoldsNoJwt() {
		String jwt = new String(simulator.issueJwt("alice").toCharArray());
		WeakReference<String> held = new WeakReference<>(jwt);
		Disposable login = WaitingLogins.subscribe(simulator, client.getSlotInfo(jwt));
		jwt = null;
		assertThat(Reachability.isCollected(held)).as("the JWT of an observed login waiting for its callback collected")
			.isTrue();
		assertThat(pendingLogins.size()).isOne();
		login.dispose();
		assertThat(lowCardinality(single(LOGIN), "outcome")).isEqualTo("cancelled");
	}

	@Test
	void customConventionThenItNamesTheObservation() {
		DefaultAltsCodexClient custom = observedClient("custom", simulator.baseUrl(), DeOAuthHttpSettings.defaults())
			.loginObservationConvention(new DefaultLoginObservationConvention("my.login"))
			.build();
		try {
			custom.getSlotInfo("").as(StepVerifier::create).expectError(InvalidJwtException.class).verify();
			assertThat(observations.named(LOGIN)).isEmpty();
			assertThat(lowCardinality(single("my.login"), "outcome")).isEqualTo("failed");
		}
		finally {
			custom.destroy();
		}
	}

	@Test
	void noRegistryThenNothingIsObserved() {
		InMemoryPendingLoginRegistry plainLogins = new InMemoryPendingLoginRegistry();
		DefaultAltsCodexClient plain = DefaultAltsCodexClient.builder(client.getRegistration())
			.webClientBuilder(WebClient.builder().observationRegistry(registry))
			.pendingLogins(plainLogins)
			.build();
		callbackServer.serve(plainLogins, List.of(plain));
		try {
			plain.getSlotInfo(simulator.issueJwt("carol")).block(Duration.ofSeconds(10));
			assertThat(observations.named(LOGIN)).isEmpty();
			assertThat(observations.named(CODE_EXCHANGE)).isEmpty();
			assertThat(observations.named(CALLBACK)).isEmpty();
			// WebClient's own observation still applies, without a parent
			assertThat(parentOf(httpCall(AUTHORIZE))).isNull();
		}
		finally {
			callbackServer.serve(pendingLogins, List.of(client), registry);
			plain.destroy();
		}
	}

	private static void assertLogin(String outcome) {
		Observation.Context login = single(LOGIN);
		assertThat(lowCardinality(login, "client")).isEqualTo("default");
		assertThat(lowCardinality(login, "outcome")).isEqualTo(outcome);
	}

	private static Observation.Context single(String name) {
		List<Observation.Context> named = observations.named(name);
		assertThat(named).as("stopped %s observations", name).hasSize(1);
		return named.get(0);
	}

	private static Observation.Context awaitSingle(String name) {
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(observations.named(name)).isNotEmpty());
		return single(name);
	}

	private static Observation.Context httpCall(String path) {
		List<Observation.Context> calls = observations.named(HTTP_CLIENT)
			.stream()
			.filter((context) -> path.equals(((ClientRequestObservationContext) context).getRequest().url().getPath()))
			.toList();
		assertThat(calls).as("http.client.requests to %s", path).hasSize(1);
		return calls.get(0);
	}

	/**
	 * The key values, of every observation stopped, that hold one of the secrets,
	 * named by the secret.
	 */
	private static List<String> secretsInKeyValues(Map<String, String> secrets) {
		List<String> found = new ArrayList<>();
		for (Observation.Context context : observations.all()) {
			for (KeyValue keyValue : context.getAllKeyValues()) {
				secrets.forEach((name, secret) -> {
					if (keyValue.getValue().contains(secret)) {
						found.add(context.getName() + " " + keyValue.getKey() + " holds the " + name);
					}
				});
			}
		}
		return found;
	}

	private static List<CallbackAttempt> awaitCallbacks(String state, int count) {
		return await().atMost(Duration.ofSeconds(5))
			.until(() -> simulator.callbacks().stream().filter((callback) -> state.equals(callback.state())).toList(),
					(found) -> found.size() >= count);
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
