package com.altscodex.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * {@code POST /login} and {@code GET /config} over HTTP, with the sample in simulator
 * mode: the real client, the real callback endpoint and the in-process DeOAuth simulator.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoginEndpointTests {

	private static final String AUTHORIZE_PATH = "/v1/oauth-meta/authorize";

	private static RunningSample sample;

	private static DeOAuthSimulator simulator;

	private final WebTestClient client = sample.webTestClient();

	@BeforeAll
	static void startSample() {
		// short callback timeout for the withheld-callback test; debug logs for the secrecy test;
		// the simulator's records for the assertions on what reached DeOAuth
		sample = RunningSample.start(new Class<?>[] { GetTokenRecorder.class }, "--altscodex.timeout=3s",
				"--logging.level.com.altscodex=debug", RunningSample.RECORD_TRAFFIC);
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
			.jsonPath("$.user.access_token").doesNotExist()
			.jsonPath("$.user.code").doesNotExist()
			.jsonPath("$.user.length()").isEqualTo(4);
		assertThat(simulator.requests(AUTHORIZE_PATH)).singleElement()
			.satisfies((authorize) -> assertThat(authorize.queryParam("redirect_uri")).isEqualTo(sample.redirectUri()));
	}

	@Test
	void loginWithExpiredJwtAnswers401WithExpiredTokenCode() {
		login(simulator.issueJwt("alice", Duration.ofMinutes(-1))).expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(401)
			.jsonPath("$.code").isEqualTo("EXPIRED_TOKEN");
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
			.jsonPath("$.code").isEqualTo("INVALID_TOKEN");
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
			.jsonPath("$.status").isEqualTo(408);
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
	void frontPageIsServed() {
		this.client.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("id=\"sign-in\"").doesNotContain("http://", "https://"));
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
		assertThat(output).contains("Signed in AltsCodex user \"carol\"")
			.contains("DeOAuth simulator running at " + simulator.baseUrl() + " (demo users: alice, bob, carol)")
			.doesNotContain(jwt)
			.doesNotContain(jwtSignature)
			.doesNotContain(sample.property("altscodex.client-secret"))
			.doesNotContain(code);
		assertThat(accessTokens).isNotEmpty().allSatisfy((accessToken) -> assertThat(output).doesNotContain(accessToken));
	}

	private WebTestClient.ResponseSpec login(String jwt) {
		return this.client.post()
			.uri("/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("jwt", jwt))
			.exchange();
	}

}
