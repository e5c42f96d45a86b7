package com.altscodex.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.deoauth.simulator.CallbackAttempt;
import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.deoauth.simulator.SimulatedUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /login} (the popup flow, which the starter provides), {@code GET /config}
 * and the front page over HTTP, with the sample in simulator mode: the real client, the
 * real callback endpoint on {@code /getinfo} and the in-process DeOAuth simulator.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoginEndpointTests {

	private static final String AUTHORIZE_PATH = "/v1/oauth-meta/authorize";

	private static final String PROBLEMS = "https://altscodex.com/problems/";

	private static RunningSample sample;

	private static DeOAuthSimulator simulator;

	private final FrontPageClient visitor = FrontPageClient.open(sample);

	private final WebTestClient client = this.visitor.client();

	@BeforeAll
	static void startSample() {
		// short callback timeout for the withheld-callback test; debug logs for the secrecy test;
		// the simulator's records for the assertions on what reached DeOAuth; no rate limit,
		// which SignInRateLimitTests covers
		sample = RunningSample.start(new Class<?>[] { GetTokenRecorder.class }, "--altscodex.timeout=3s",
				"--logging.level.com.altscodex=debug", RunningSample.RECORD_TRAFFIC, RunningSample.NO_RATE_LIMIT);
		simulator = sample.simulator();
	}

	@AfterAll
	static void stopSample() {
		sample.close();
	}

	@BeforeEach
	void resetSimulator() {
		simulator.behavior().reset();
		simulator.clearRequests();
		simulator.clearCallbacks();
	}

	@Test
	void loginWithValidJwtAnswersUserWithoutAccessTokenOrCode() {
		SimulatedUser alice = simulator.user("alice");
		login(simulator.issueJwt("alice")).expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.success").isEqualTo(true)
			.jsonPath("$.user.id").isEqualTo("alice")
			.jsonPath("$.user.token_nickname").isEqualTo(alice.nickname())
			.jsonPath("$.user.content_address").isEqualTo(alice.contentAddress())
			.jsonPath("$.user.tr_cnt").isEqualTo(alice.trCnt())
			.jsonPath("$.user.authorities").isEqualTo(List.of("ROLE_USER"))
			.jsonPath("$.user.access_token").doesNotExist()
			.jsonPath("$.user.refresh_token").doesNotExist()
			.jsonPath("$.user.code").doesNotExist();
		assertThat(simulator.requests(AUTHORIZE_PATH)).singleElement()
			.satisfies((authorize) -> assertThat(authorize.queryParam("redirect_uri")).isEqualTo(sample.redirectUri()));
	}

	@Test
	void loginWithExpiredJwtAnswers401ExpiredTokenProblemForPeople() {
		login(simulator.issueJwt("alice", Duration.ofMinutes(-1))).expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(401)
			.jsonPath("$.type").isEqualTo(PROBLEMS + "expired-token")
			.jsonPath("$.title").isNotEmpty()
			.jsonPath("$.detail").isNotEmpty();
	}

	@Test
	void loginWithAnyVisibleAsciiJwtReachesDeOAuthWhichRejectsItWith502() {
		String everyVisibleAsciiCharacter = IntStream.rangeClosed(0x21, 0x7E)
			.mapToObj(Character::toString)
			.collect(Collectors.joining());
		login(everyVisibleAsciiCharacter).expectStatus()
			.isEqualTo(502)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(502)
			// neither DeOAuth's own words nor the input come back
			.consumeWith((result) -> assertThat(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8))
				.doesNotContain("Invalid token", everyVisibleAsciiCharacter));
		assertThat(simulator.requests(AUTHORIZE_PATH)).singleElement()
			.satisfies((authorize) -> assertThat(authorize.header("Authorization"))
				.isEqualTo("Bearer " + everyVisibleAsciiCharacter));
	}

	@Test
	void loginWhenCallbackNeverComesAnswers408() {
		simulator.behavior().withholdCallback(true);
		login(simulator.issueJwt("bob")).expectStatus()
			.isEqualTo(408)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(408)
			.jsonPath("$.type").isEqualTo(PROBLEMS + "callback-timeout");
	}

	@Test
	void configHoldsPublicValuesOnly() {
		String clientSecret = sample.property("altscodex.client-secret");
		this.client.get()
			.uri("/config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("""
					{"platformUrl": "%s", "clientId": "sample-app", "redirectUri": "%s"}
					""".formatted(simulator.baseUrl(), sample.redirectUri()), JsonCompareMode.STRICT)
			.consumeWith((result) -> assertThat(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8))
				.doesNotContain(clientSecret)
				.doesNotContainIgnoringCase("secret"));
	}

	@Test
	void frontPageIsServedWithBothSignInFlowsAndNoExternalResource() {
		this.client.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value((html) -> assertThat(html)
				.contains("data-testid=\"sign-in-popup\"", "data-testid=\"sign-in-redirect\"",
						"href=\"/login/altscodex\"", "data-testid=\"user-nickname\"", "data-testid=\"sign-out\"",
						"data-testid=\"error\"")
				.doesNotContain("http://", "https://"));
		for (String asset : List.of("/app.js", "/style.css")) {
			this.client.get()
				.uri(asset)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.value((text) -> assertThat(text).doesNotContain("http://", "https://"));
		}
	}

	@Test
	void logsHoldNeitherJwtNorClientSecretNorAccessTokenNorCode(CapturedOutput output) {
		String jwt = simulator.issueJwt("carol");
		// the body read to its end: WebTestClient leaks a response body nobody reads
		login(jwt).expectStatus().isOk().expectBody().jsonPath("$.success").isEqualTo(true);
		List<String> accessTokens = sample.context().getBean(GetTokenRecorder.class).accessTokens();
		// looked up by this login's state: a callback of an earlier test may be recorded late
		String state = simulator.requests("/v1/oauth-meta/authorize").get(0).queryParam("state");
		String code = await().atMost(Duration.ofSeconds(5))
			.until(() -> simulator.callbacks()
				.stream()
				.filter((callback) -> state.equals(callback.state()))
				.map(CallbackAttempt::code)
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
		String jwtSignature = jwt.substring(jwt.lastIndexOf('.') + 1);
		assertThat(output)
			.contains("DeOAuth simulator running at " + simulator.baseUrl() + " (demo users: alice, bob, carol)")
			.doesNotContain(jwt)
			.doesNotContain(jwtSignature)
			.doesNotContain(sample.property("altscodex.client-secret"))
			.doesNotContain(code);
		assertThat(accessTokens).isNotEmpty().allSatisfy((accessToken) -> assertThat(output).doesNotContain(accessToken));
	}

	private WebTestClient.ResponseSpec login(String jwt) {
		return this.visitor.login(jwt);
	}

}
