package com.altscodex.spring.client;

import java.lang.ref.WeakReference;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

import com.altscodex.deoauth.simulator.CallbackAttempt;
import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;
import com.altscodex.deoauth.simulator.RecordedRequest;
import com.altscodex.spring.client.pending.AuthorizationCallback;
import com.altscodex.spring.client.pending.CallbackDelivery;
import com.altscodex.spring.client.pending.InMemoryPendingLoginRegistry;
import com.altscodex.spring.testsupport.CallbackServer;
import com.altscodex.spring.testsupport.Reachability;
import com.altscodex.spring.testsupport.WaitingLogins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client against the DeOAuth simulator over loopback HTTP, with the starter's
 * callback endpoint on a real server.
 */
class DefaultAltsCodexClientTests {

	private static final String CLIENT_ID = "test-client";

	private static final String CLIENT_SECRET = "test-secret-value-1234";

	private static final String AUTHORIZE = "/v1/oauth-meta/authorize";

	private static final String GET_TOKEN = "/v1/oauth-meta/get_token";

	@RegisterExtension
	static final DeOAuthSimulatorExtension simulator = DeOAuthSimulatorExtension.create()
		.client(CLIENT_ID, CLIENT_SECRET, "http://127.0.0.1:*/login/altscodex")
		// the 10,000-login test counts every request of its burst
		.maxRecordedRequests(50_000)
		.maxRecordedCallbacks(50_000);

	// every client of these tests registers here, where the callback server delivers
	private static final InMemoryPendingLoginRegistry pendingLogins = new InMemoryPendingLoginRegistry();

	private static CallbackServer callbackServer;

	private static DefaultAltsCodexClient client;

	@BeforeAll
	static void startApp() {
		callbackServer = new CallbackServer();
		client = newClient(Duration.ofSeconds(10));
		callbackServer.serve(pendingLogins, List.of(client));
	}

	static DefaultAltsCodexClient newClient(Duration timeout) {
		return DefaultAltsCodexClient.builder(registration("default").timeout(timeout).build())
			.pendingLogins(pendingLogins)
			.build();
	}

	static ClientRegistration.Builder registration(String name) {
		return ClientRegistration.withName(name)
			.clientId(CLIENT_ID)
			.clientSecret(CLIENT_SECRET)
			.redirectUri(callbackServer.redirectUri())
			.authServerUrl(simulator.baseUrl() + "/")
			.platformUrl(simulator.baseUrl());
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
	}

	@Test
	void getSlotInfoThenFollowsTheContractOnTheWire() {
		String jwt = simulator.issueJwt("alice");
		SlotInfo slot = client.getSlotInfo(jwt).block(Duration.ofSeconds(10));
		assertThat(slot.id()).isEqualTo("alice");
		assertThat(slot.tokenNickname()).isEqualTo(simulator.user("alice").nickname());
		assertThat(slot.contentAddress()).isEqualTo(simulator.user("alice").contentAddress());
		assertThat(slot.accessToken()).isNotBlank();
		assertThat(pendingLogins.size()).isZero();

		RecordedRequest authorize = simulator.requests(AUTHORIZE).get(0);
		assertThat(authorize.method()).isEqualTo("GET");
		assertThat(authorize.header("Authorization")).isEqualTo("Bearer " + jwt);
		assertThat(authorize.queryParam("client_id")).isEqualTo(CLIENT_ID);
		assertThat(authorize.queryParam("redirect_uri")).isEqualTo(callbackServer.redirectUri());
		assertThat(authorize.queryParam("respose_type")).isEqualTo("code");
		assertThat(authorize.queryParam("state")).matches("[A-Za-z0-9_-]{32}");

		RecordedRequest getToken = simulator.requests(GET_TOKEN).get(0);
		assertThat(getToken.method()).isEqualTo("POST");
		assertThat(getToken.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
			.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
		assertThat(getToken.header("Content-Type")).startsWith("application/json");
		// the simulator records a callback once it has read the app's answer to it
		CallbackAttempt callback = awaitCallbacks(authorize.queryParam("state"), 1).get(0);
		assertThat(callback.status()).isEqualTo(200);
		Map<String, Object> body = JsonMapper.shared().readValue(getToken.body(), Map.class);
		assertThat(body).containsEntry("grant_type", "code")
			.containsEntry("redirect_uri", callbackServer.redirectUri())
			.containsEntry("code", callback.code());
	}

	@Test
	void getSlotInfoIsLazyAndEachSubscriptionIsOneLogin() {
		String jwt = simulator.issueJwt("bob");
		Mono<SlotInfo> login = client.getSlotInfo(jwt);
		assertThat(authorizesWith(jwt)).isEmpty();
		login.block(Duration.ofSeconds(10));
		login.block(Duration.ofSeconds(10));
		List<RecordedRequest> authorizes = authorizesWith(jwt);
		assertThat(authorizes).hasSize(2);
		assertThat(authorizes.get(0).queryParam("state")).isNotEqualTo(authorizes.get(1).queryParam("state"));
	}

	@Test
	void getSlotInfoWhenTokenExpiredThenFailsAtOnceWithoutCallback() {
		client.getSlotInfo(simulator.issueJwt("alice", Duration.ofSeconds(-5)))
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(AuthorizeFailedException.class);
				assertThat(((AuthorizeFailedException) ex).getCode()).isEqualTo("EXPIRED_TOKEN");
				assertThat(((AuthorizeFailedException) ex).isExpiredToken()).isTrue();
			})
			.verify(Duration.ofSeconds(5));
		assertThat(callbacksFor(simulator.requests(AUTHORIZE).get(0).queryParam("state"))).isEmpty();
		assertThat(simulator.requests(GET_TOKEN)).isEmpty();
		assertThat(pendingLogins.size()).isZero();
	}

	@Test
	void getSlotInfoWhenAuthorizeFailsWithOtherCodeThenCarriesCodeAndMsg() {
		simulator.behavior().authorizeFailure("AUTHORIZE_ERROR", "client suspended");
		client.getSlotInfo(simulator.issueJwt("alice")).as(StepVerifier::create).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(AuthorizeFailedException.class);
			assertThat(((AuthorizeFailedException) ex).getCode()).isEqualTo("AUTHORIZE_ERROR");
			assertThat(((AuthorizeFailedException) ex).getMsg()).isEqualTo("client suspended");
		}).verify(Duration.ofSeconds(5));
		assertThat(pendingLogins.size()).isZero();
	}

	@Test
	void getSlotInfoWhenNoCallbackThenTimesOutAndLeavesNoEntry() {
		simulator.behavior().withholdCallback(true);
		client.getSlotInfo(simulator.issueJwt("alice"), Duration.ofMillis(300))
			.as(StepVerifier::create)
			.expectError(CallbackTimeoutException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(pendingLogins.size()).isZero();
	}

	@Test
	void getSlotInfoWhenLongTimeoutRunsOutThenFailsWithoutWaitingForIt() {
		simulator.behavior().withholdCallback(true);
		Mono<RecordedRequest> authorized = simulator.awaitRequest(AUTHORIZE).cache();
		authorized.subscribe();
		StepVerifier.withVirtualTime(() -> client.getSlotInfo(simulator.issueJwt("alice"), Duration.ofMinutes(10)))
			.expectSubscription()
			// the HTTP part runs in real time; only the login's own clock is virtual
			.then(() -> authorized.block(Duration.ofSeconds(5)))
			.expectNoEvent(Duration.ofMinutes(9))
			.thenAwait(Duration.ofMinutes(1))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CallbackTimeoutException.class)
				.hasMessageContaining("600000 ms"))
			.verify(Duration.ofSeconds(10));
		assertThat(pendingLogins.size()).isZero();
	}

	@Test
	void getSlotInfoWhenTimeoutRunsOutDuringAuthorizeThenFailsAndLeavesNoEntry() {
		simulator.behavior().latency(Duration.ofSeconds(2));
		client.getSlotInfo(simulator.issueJwt("alice"), Duration.ofMillis(300))
			.as(StepVerifier::create)
			.expectError(CallbackTimeoutException.class)
			.verify(Duration.ofSeconds(1));
		assertThat(pendingLogins.size()).isZero();
	}

	@Test
	void getSlotInfoWhenCancelledDuringAuthorizeThenEntryIsRemoved() {
		simulator.behavior().latency(Duration.ofSeconds(2));
		Disposable login = client.getSlotInfo(simulator.issueJwt("alice")).subscribe();
		await().atMost(Duration.ofSeconds(5)).until(() -> pendingLogins.size() == 1);
		login.dispose();
		assertThat(pendingLogins.size()).isZero();
	}

	@Test
	void getSlotInfoWhenRepeatedTimeoutsThenNoEntryIsLeftBehind() {
		simulator.behavior().withholdCallback(true);
		Long timeouts = Flux.range(0, 50)
			.flatMap((i) -> client.getSlotInfo(simulator.issueJwt("user-" + i), Duration.ofSeconds(1))
				.map((slot) -> false)
				.onErrorResume(CallbackTimeoutException.class, (ex) -> Mono.just(true)))
			.filter(Boolean::booleanValue)
			.count()
			.block(Duration.ofSeconds(10));
		assertThat(timeouts).isEqualTo(50);
		assertThat(pendingLogins.size()).isZero();
		// each timed out waiting for its callback, after authorize: nothing is in flight
		assertThat(simulator.requests(AUTHORIZE)).hasSize(50);
	}

	@Test
	void getSlotInfoWhenTwoConcurrentLoginsThenEachSettlesOnItsOwnState() {
		simulator.behavior().callbackDelay(Duration.ofMillis(100));
		Mono<SlotInfo> alice = client.getSlotInfo(simulator.issueJwt("alice"));
		Mono<SlotInfo> bob = client.getSlotInfo(simulator.issueJwt("bob"));
		Mono.zip(alice, bob).as(StepVerifier::create).assertNext((both) -> {
			assertThat(both.getT1().id()).isEqualTo("alice");
			assertThat(both.getT2().id()).isEqualTo("bob");
		}).verifyComplete();
		assertThat(pendingLogins.size()).isZero();
	}

	@Test
	void getSlotInfoWhenCallbackRejectedThenFailsWithItsCode() {
		simulator.behavior().rejectCallback("ACCESS_DENIED");
		client.getSlotInfo(simulator.issueJwt("alice")).as(StepVerifier::create).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(AuthorizeRejectedException.class).hasMessageContaining("ACCESS_DENIED");
			assertThat(((AuthorizeRejectedException) ex).getCode()).isEqualTo("ACCESS_DENIED");
		}).verify(Duration.ofSeconds(5));
		assertThat(simulator.requests(GET_TOKEN)).isEmpty();
		assertThat(pendingLogins.size()).isZero();
	}

	@Test
	void getSlotInfoWhenCallbackWithoutCodeThenFails() {
		simulator.behavior().callbackWithoutCode(true);
		client.getSlotInfo(simulator.issueJwt("alice"))
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(AuthorizeRejectedException.class)
				.hasMessageContaining("code missing"))
			.verify(Duration.ofSeconds(5));
		assertThat(simulator.requests(GET_TOKEN)).isEmpty();
	}

	@Test
	void getSlotInfoWhenCallbackArrivesBeforeAuthorizeAnswerThenSucceeds() {
		simulator.behavior().callbackBeforeAuthorizeAnswer(true);
		SlotInfo slot = client.getSlotInfo(simulator.issueJwt("carol")).block(Duration.ofSeconds(10));
		assertThat(slot.id()).isEqualTo("carol");
		assertThat(pendingLogins.size()).isZero();
	}

	@Test
	void getSlotInfoWhenCallbackDuplicatedThenCodeIsExchangedOnce() {
		simulator.behavior().duplicateCallback(true);
		SlotInfo slot = client.getSlotInfo(simulator.issueJwt("alice")).block(Duration.ofSeconds(10));
		assertThat(slot.id()).isEqualTo("alice");
		assertThat(awaitCallbacks(simulator.requests(AUTHORIZE).get(0).queryParam("state"), 2)).hasSize(2)
			.allSatisfy((callback) -> assertThat(callback.status()).isEqualTo(200));
		assertExchangedOnce();
	}

	@Test
	void getSlotInfoWhenSlotWrappedInDataThenUnwrapsFirstElement() {
		simulator.behavior().wrapSlotInData(true);
		SlotInfo slot = client.getSlotInfo(simulator.issueJwt("bob")).block(Duration.ofSeconds(10));
		assertThat(slot.id()).isEqualTo("bob");
		assertThat(slot.accessToken()).isNotBlank();
	}

	@Test
	void getSlotInfoWhenGetTokenAnswersJunkThenFailsInsteadOfAnEmptyUser() {
		for (String junk : List.of("<html>oops</html>", "{}", "[]", "{\"data\":[]}", "{\"data\":{}}", "",
				"{\"id\":{\"nested\":true}}")) {
			simulator.behavior().getTokenJunk(junk);
			client.getSlotInfo(simulator.issueJwt("alice"))
				.as(StepVerifier::create)
				.expectErrorSatisfies((ex) -> assertThat(ex).as("answer %s", junk)
					.isInstanceOf(InvalidResponseException.class))
				.verify(Duration.ofSeconds(5));
		}
		assertThat(pendingLogins.size()).isZero();
	}

	@Test
	void getSlotInfoWhenGetTokenAnswerTooLargeThenFails() {
		simulator.behavior().getTokenExtraBytes(400 * 1024);
		client.getSlotInfo(simulator.issueJwt("alice"))
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidResponseException.class)
				.hasMessageContaining("larger than"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void getSlotInfoWhenAuthorizeAnswersNon2xxThenHttpErrorWithRawPayload() {
		simulator.behavior().authorizeHttpStatus(503, "upstream down");
		client.getSlotInfo(simulator.issueJwt("alice")).as(StepVerifier::create).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(AltsCodexHttpException.class);
			AltsCodexHttpException http = (AltsCodexHttpException) ex;
			assertThat(http.getStatusCode()).isEqualTo(503);
			assertThat(http.getOperation()).isEqualTo(DeOAuthOperation.AUTHORIZE);
			assertThat(http.getPayload()).containsEntry("raw", "upstream down");
		}).verify(Duration.ofSeconds(5));
		assertThat(pendingLogins.size()).isZero();
	}

	@Test
	void getSlotInfoWhenGetTokenAnswersJsonErrorThenPayloadIsParsed() {
		simulator.behavior().getTokenHttpStatus(400, "{\"error\":\"invalid_grant\"}");
		client.getSlotInfo(simulator.issueJwt("alice")).as(StepVerifier::create).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(AltsCodexHttpException.class);
			assertThat(((AltsCodexHttpException) ex).getPayload()).containsEntry("error", "invalid_grant");
			assertThat(((AltsCodexHttpException) ex).getOperation()).isEqualTo(DeOAuthOperation.GET_TOKEN);
		}).verify(Duration.ofSeconds(5));
	}

	@Test
	void getSlotInfoWhenWrongSecretThenHttpErrorWithoutTheSecret() {
		DefaultAltsCodexClient wrong = DefaultAltsCodexClient
			.builder(registration("wrong").clientSecret("not-the-secret-987").build())
			.pendingLogins(pendingLogins)
			.build();
		try {
			wrong.getSlotInfo(simulator.issueJwt("alice")).as(StepVerifier::create).expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(AltsCodexHttpException.class);
				assertThat(((AltsCodexHttpException) ex).getStatusCode()).isEqualTo(401);
				assertThat(ex.toString()).doesNotContain("not-the-secret-987");
			}).verify(Duration.ofSeconds(5));
		}
		finally {
			wrong.destroy();
		}
	}

	@Test
	void getSlotInfoWhenJwtCannotBeAJwtThenNothingIsSent() {
		List<String> jwts = List.of("", "a.b\r\nX-Injected: 1", "a b.c", "ä.b.c", "a\u0000b", "x".repeat(8193));
		for (String jwt : jwts) {
			client.getSlotInfo(jwt).as(StepVerifier::create).expectError(InvalidJwtException.class).verify();
		}
		// requests of an earlier test's cancelled logins may still arrive: look for these
		assertThat(simulator.requests()).noneMatch((request) -> request.header("Authorization") != null
				&& jwts.stream().anyMatch((jwt) -> request.header("Authorization").contains(jwt)));
		assertThat(pendingLogins.size()).isZero();
	}

	@Test
	void getSlotInfoWhenCancelledThenEntryIsRemoved() {
		Disposable login = WaitingLogins.subscribe(simulator, client.getSlotInfo(simulator.issueJwt("alice")));
		assertThat(pendingLogins.size()).isOne();
		login.dispose();
		assertThat(pendingLogins.size()).isZero();
	}

	@Test
	void getSlotInfoWhenWaitingForCallbackThenHoldsNoJwt() {
		// a JWT only the login can reach, as when it was read from a request body
		String jwt = new String(simulator.issueJwt("alice").toCharArray());
		WeakReference<String> held = new WeakReference<>(jwt);
		Disposable login = WaitingLogins.subscribe(simulator, client.getSlotInfo(jwt));
		jwt = null;
		assertThat(pendingLogins.size()).isOne();
		assertThat(Reachability.isCollected(held)).as("the JWT of a login waiting for its callback collected").isTrue();
		assertThat(pendingLogins.size()).isOne();
		login.dispose();
	}

	@Test
	void stopThenPendingLoginsFailAndNewOnesFailFast() {
		// the login must be past authorize when the client stops (stopping while authorize is
		// in flight is the next test): wait until its answer has been read, not only sent
		ConnectionProvider connections = ConnectionProvider.create("stopping", 8);
		Sinks.Empty<Void> authorizeAnswered = Sinks.empty();
		HttpClient httpClient = HttpClient.create(connections).doAfterResponseSuccess((response, connection) -> {
			if (response.uri().contains(AUTHORIZE)) {
				authorizeAnswered.tryEmitEmpty();
			}
		});
		DefaultAltsCodexClient stopping = DefaultAltsCodexClient
			.builder(registration("default").timeout(Duration.ofSeconds(10)).build())
			.connector(new ReactorClientHttpConnector(httpClient))
			.pendingLogins(pendingLogins)
			.build();
		try {
			simulator.behavior().withholdCallback(true);
			StepVerifier.create(stopping.getSlotInfo(simulator.issueJwt("alice")))
				.then(() -> {
					authorizeAnswered.asMono().block(Duration.ofSeconds(5));
					stopping.stop();
				})
				.expectError(ClientShutdownException.class)
				.verify(Duration.ofSeconds(5));
			assertThat(stopping.isRunning()).isFalse();
			assertThat(pendingLogins.size()).isZero();
			simulator.clearRequests();
			stopping.getSlotInfo(simulator.issueJwt("alice"))
				.as(StepVerifier::create)
				.expectError(ClientShutdownException.class)
				.verify(Duration.ofSeconds(1));
			stopping.exchangeCode("code").as(StepVerifier::create).expectError(ClientShutdownException.class).verify();
			stopping.refreshTokens("rt", "code")
				.as(StepVerifier::create)
				.expectError(ClientShutdownException.class)
				.verify();
			stopping.logout(simulator.issueJwt("alice"))
				.as(StepVerifier::create)
				.expectError(ClientShutdownException.class)
				.verify();
			assertThat(simulator.requests()).isEmpty();
			// a restarted context starts it again
			stopping.start();
			simulator.behavior().reset();
			assertThat(stopping.getSlotInfo(simulator.issueJwt("bob")).block(Duration.ofSeconds(10)).id())
				.isEqualTo("bob");
		}
		finally {
			stopping.destroy();
			connections.dispose();
		}
	}

	@Test
	void stopWhileAuthorizeInFlightThenFailsAtOnceWithoutWaitingForDeOAuth() {
		DefaultAltsCodexClient stopping = newClient(Duration.ofSeconds(30));
		try {
			// DeOAuth holds authorize far longer than the verification below waits
			simulator.behavior().latency(Duration.ofSeconds(20)).withholdCallback(true);
			String jwt = simulator.issueJwt("alice");
			Mono<RecordedRequest> authorizing = simulator.awaitRequest(AUTHORIZE).cache();
			authorizing.subscribe();
			StepVerifier.create(stopping.getSlotInfo(jwt)).then(() -> {
				authorizing.block(Duration.ofSeconds(5));
				stopping.stop();
			}).expectError(ClientShutdownException.class).verify(Duration.ofSeconds(3));
			assertThat(pendingLogins.size()).isZero();
		}
		finally {
			stopping.destroy();
		}
	}

	@Test
	void getSlotInfoBeyondMaxPendingLoginsThenRefusedAtOnceWithNothingSent() {
		DefaultAltsCodexClient bounded = DefaultAltsCodexClient
			.builder(registration("bounded").maxPendingLogins(2).build())
			.pendingLogins(pendingLogins)
			.build();
		try {
			Disposable first = WaitingLogins.subscribe(simulator, bounded.getSlotInfo(simulator.issueJwt("alice")));
			Disposable second = WaitingLogins.subscribe(simulator, bounded.getSlotInfo(simulator.issueJwt("bob")));
			String refused = simulator.issueJwt("carol");
			bounded.getSlotInfo(refused).as(StepVerifier::create).expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(TooManyPendingLoginsException.class);
				assertThat(((AltsCodexException) ex).getKind()).isEqualTo(FailureKind.TOO_MANY_PENDING_LOGINS);
				assertThat(((TooManyPendingLoginsException) ex).getLimit()).isEqualTo(2);
				// a flood raises one per refused login: no stack to fill in
				assertThat(ex.getStackTrace()).isEmpty();
			}).verify(Duration.ofSeconds(1));
			assertThat(pendingLogins.size("bounded")).isEqualTo(2);
			assertThat(pendingLogins.refusedCount("bounded")).isOne();
			// another client's logins are not refused for this one's
			simulator.behavior().reset();
			assertThat(client.getSlotInfo(simulator.issueJwt("dave")).block(Duration.ofSeconds(10)).id()).isEqualTo("dave");
			first.dispose();
			second.dispose();
			// a place is free again
			assertThat(bounded.getSlotInfo(simulator.issueJwt("erin")).block(Duration.ofSeconds(10)).id())
				.isEqualTo("erin");
			assertThat(authorizesWith(refused)).isEmpty();
		}
		finally {
			bounded.destroy();
		}
	}

	@Test
	void getSlotInfoWhenEveryConnectionBusyAndQueueFullThenUnavailable() {
		// one connection, one request waiting for it: a third call is refused by the pool
		DeOAuthHttpSettings tiny = new DeOAuthHttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(10),
				DeOAuthHttpSettings.DEFAULT_MAX_RESPONSE_SIZE, 1, 1, Duration.ofSeconds(10));
		DefaultAltsCodexClient saturated = DefaultAltsCodexClient.builder(registration("saturated").build())
			.httpSettings(tiny)
			.pendingLogins(pendingLogins)
			.build();
		try {
			simulator.behavior().latency(Duration.ofSeconds(2)).withholdCallback(true);
			List<Disposable> busy = List.of(saturated.getSlotInfo(simulator.issueJwt("alice")).subscribe((slot) -> {
			}, (ex) -> {
			}), saturated.getSlotInfo(simulator.issueJwt("bob")).subscribe((slot) -> {
			}, (ex) -> {
			}));
			await().atMost(Duration.ofSeconds(5)).until(() -> simulator.requests(AUTHORIZE).size() == 1);
			saturated.getSlotInfo(simulator.issueJwt("carol")).as(StepVerifier::create).expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(DeOAuthUnavailableException.class);
				assertThat(((AltsCodexException) ex).getKind().status().value()).isEqualTo(503);
			}).verify(Duration.ofSeconds(5));
			busy.forEach(Disposable::dispose);
		}
		finally {
			saturated.destroy();
		}
	}

	@Test
	void getSlotInfoWhenErrorAnswerHoldsJsonNullsThenKeepsItsStatus() {
		simulator.behavior().getTokenHttpStatus(500, "{\"error\":null,\"detail\":\"x\"}");
		client.getSlotInfo(simulator.issueJwt("alice")).as(StepVerifier::create).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(AltsCodexHttpException.class);
			AltsCodexHttpException http = (AltsCodexHttpException) ex;
			assertThat(http.getStatusCode()).isEqualTo(500);
			assertThat(http.getKind()).isEqualTo(FailureKind.UPSTREAM_ERROR);
			assertThat(http.getPayload()).containsEntry("error", null).containsEntry("detail", "x");
		}).verify(Duration.ofSeconds(5));
	}

	@Test
	void callbackWhenStateUnknownThenNothingIsSent() {
		pendingLogins.deliver(new AuthorizationCallback("unknown-state", "some-code", "1"))
			.as(StepVerifier::create)
			.expectNext(CallbackDelivery.unknown())
			.verifyComplete();
		pendingLogins.deliver(new AuthorizationCallback(null, "some-code", "1"))
			.as(StepVerifier::create)
			.expectNext(CallbackDelivery.unknown())
			.verifyComplete();
		assertThat(simulator.requests()).isEmpty();
	}

	@Test
	void exchangeCodeThenRedirectFlowGetsTheUser() {
		LoginUrls loginUrls = new LoginUrls(client.getRegistration());
		String state = loginUrls.newState();
		// the browser picks a user on the platform's login page and is sent back with a code
		URI choose = UriComponentsBuilder.fromUri(loginUrls.loginUrl(state))
			.replacePath("/oauth/login/choose")
			.queryParam("user", "carol")
			.build(true)
			.toUri();
		URI back = WebClient.create().get().uri(choose).exchangeToMono((response) -> {
			assertThat(response.statusCode().is3xxRedirection()).isTrue();
			return Mono.justOrEmpty(response.headers().asHttpHeaders().getLocation());
		}).block(Duration.ofSeconds(5));
		AuthorizationCallback callback = AuthorizationCallback.parse(back.getRawQuery());
		assertThat(LoginUrls.stateMatches(state, callback)).isTrue();
		assertThat(callback.isSuccess()).isTrue();

		SlotInfo slot = client.exchangeCode(callback.code()).block(Duration.ofSeconds(5));
		assertThat(slot.id()).isEqualTo("carol");
		client.exchangeCode(callback.code())
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(AltsCodexHttpException.class))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void exchangeCodeWhenCodeMalformedThenNothingIsSent() {
		for (String code : new String[] { "", " ", "c".repeat(4097) }) {
			client.exchangeCode(code).as(StepVerifier::create).expectError(InvalidCodeException.class).verify();
		}
		assertThat(simulator.requests()).isEmpty();
	}

	@Test
	void refreshTokensThenNewTokens() {
		String refreshToken = simulator.issueRefreshToken("alice");
		TokenSet tokens = client.refreshTokens(refreshToken, "any-code").block(Duration.ofSeconds(5));
		assertThat(tokens.accessToken()).isNotBlank();
		assertThat(tokens.refreshToken()).isNotBlank().isNotEqualTo(refreshToken);
		Map<String, Object> body = JsonMapper.shared()
			.readValue(simulator.requests("/oauth/token/refresh").get(0).body(), Map.class);
		assertThat(body).containsEntry("refresh_token", refreshToken)
			.containsEntry("client_id", CLIENT_ID)
			.containsEntry("client_secret", CLIENT_SECRET)
			.containsEntry("redirect_uri", callbackServer.redirectUri())
			.containsEntry("code", "any-code");
	}

	@Test
	void refreshTokensWhenRefusedThenFailureCarriesMessage() {
		client.refreshTokens("rt-unknown", "c")
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(TokenRefreshFailedException.class);
				assertThat(((TokenRefreshFailedException) ex).getServerMessage()).isNotBlank();
			})
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void logoutThenSucceedsForValidJwtAndFailsOtherwise() {
		client.logout(simulator.issueJwt("alice")).as(StepVerifier::create).verifyComplete();
		assertThat(simulator.requests("/oauth/logout").get(0).header("Authorization")).startsWith("Bearer ");
		client.logout("aaa.bbb.ccc").as(StepVerifier::create).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(AltsCodexHttpException.class);
			assertThat(((AltsCodexHttpException) ex).getStatusCode()).isEqualTo(401);
		}).verify(Duration.ofSeconds(5));
	}

	@Test
	void getSlotInfoWhenTenThousandConcurrentLoginsThenEachUserGetsOwnSlot() {
		int logins = 10_000;
		// a burst this size queues for minutes' worth of CPU on two cores: the point
		// here is that every login settles with its own user, not how fast
		DeOAuthHttpSettings patient = new DeOAuthHttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(120),
				DeOAuthHttpSettings.DEFAULT_MAX_RESPONSE_SIZE, 500, logins * 3, Duration.ofSeconds(120));
		DefaultAltsCodexClient client = DefaultAltsCodexClient
			.builder(registration("burst").maxPendingLogins(logins).build())
			.httpSettings(patient)
			.pendingLogins(pendingLogins)
			.build();
		AtomicInteger peak = new AtomicInteger();
		Disposable sampler = Flux.interval(Duration.ofMillis(5))
			.subscribe((tick) -> peak.accumulateAndGet(pendingLogins.size("burst"), Math::max));
		try {
			List<String> jwts = Flux.range(0, logins).map((i) -> simulator.issueJwt("user-" + i)).collectList().block();
			Long matching = Flux.range(0, logins)
				.flatMap((i) -> client.getSlotInfo(jwts.get(i), Duration.ofSeconds(150))
					.map((slot) -> slot.id().equals("user-" + i)), logins)
				.onErrorResume((ex) -> Mono.error(new AssertionError("a login failed", ex)))
				.filter(Boolean::booleanValue)
				.count()
				.block(Duration.ofSeconds(180));
			assertThat(matching).isEqualTo(logins);
			// the logins were at once, not one after the other
			assertThat(peak).as("most logins waiting at once").hasValueGreaterThanOrEqualTo(1_000);
			assertThat(pendingLogins.size("burst")).isZero();
			assertThat(simulator.requests(GET_TOKEN)).hasSize(logins);
		}
		finally {
			sampler.dispose();
			client.destroy();
		}
	}

	/**
	 * The callbacks the simulator sent for one login. It records a callback once it has
	 * read the app's answer, which may come after the login settled (and after the next
	 * test began), so tests look callbacks up by state rather than by position.
	 */
	private static List<CallbackAttempt> callbacksFor(String state) {
		return simulator.callbacks().stream().filter((callback) -> state.equals(callback.state())).toList();
	}

	/**
	 * Exactly one code exchange reached DeOAuth, and no other comes: a second one would
	 * have started before the callback that caused it was answered, so it would arrive
	 * within moments.
	 */
	private static void assertExchangedOnce() {
		assertThat(pendingLogins.size()).isZero();
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(3))
			.until(() -> simulator.requests(GET_TOKEN).size() == 1);
	}

	/**
	 * The authorize requests a JWT made: an earlier test's cancelled logins may send
	 * theirs late.
	 */
	private static List<RecordedRequest> authorizesWith(String jwt) {
		return simulator.requests(AUTHORIZE)
			.stream()
			.filter((request) -> ("Bearer " + jwt).equals(request.header("Authorization")))
			.toList();
	}

	private static List<CallbackAttempt> awaitCallbacks(String state, int count) {
		return await().atMost(Duration.ofSeconds(5)).until(() -> callbacksFor(state), (found) -> found.size() >= count);
	}

	@Test
	void toStringThenNoSecret() {
		assertThat(client.toString()).contains(CLIENT_ID).doesNotContain(CLIENT_SECRET);
	}

}
