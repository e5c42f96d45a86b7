package com.altscodex.spring.web;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.spring.client.pending.PendingLoginRegistry;
import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;
import com.altscodex.spring.testsupport.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The generated callback endpoint and the problem answers, in a running application
 * on the starter, against the simulator.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class CallbackEndpointTests {

	private static final int PORT = TestApplication.freePort();

	@RegisterExtension
	static final DeOAuthSimulatorExtension simulator = DeOAuthSimulatorExtension.create()
		.client(TestApplication.CLIENT_ID, TestApplication.CLIENT_SECRET, "http://127.0.0.1:*/login/altscodex");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestApplication.registerProperties(registry, simulator, PORT);
	}

	@Autowired
	private PendingLoginRegistry pendingLogins;

	private final WebTestClient web = WebTestClient.bindToServer()
		.baseUrl("http://127.0.0.1:" + PORT)
		.responseTimeout(Duration.ofSeconds(20))
		.build();

	@BeforeEach
	void reset() {
		simulator.behavior().reset();
		simulator.clearRequests();
	}

	@Test
	void loginThroughTheApplicationThenSlotInfoWithoutSecrets() {
		String jwt = simulator.issueJwt("alice");
		this.web.post()
			.uri("/test-login")
			.bodyValue(jwt)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo("alice")
			.jsonPath("$.access_token")
			.doesNotExist()
			.jsonPath("$.code")
			.doesNotExist();
		// the simulator records a callback once it has read the app's answer to it
		String state = simulator.requests("/v1/oauth-meta/authorize").get(0).queryParam("state");
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(simulator.callbacks()).filteredOn((callback) -> state.equals(callback.state()))
				.singleElement()
				.satisfies((callback) -> assertThat(callback.status()).isEqualTo(200)));
		assertThat(this.pendingLogins.size("default")).isZero();
	}

	@Test
	void callbackWhenStateUnknownThenReceivedAndNothingElse() {
		this.web.post()
			.uri("/login/altscodex?state=unknown&code=abc&success=1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.json("{\"received\":true}");
		this.web.post().uri("/login/altscodex").exchange().expectStatus().isOk();
		assertThat(simulator.requests()).isEmpty();
	}

	@Test
	void callbackWhenGetThenMethodNotAllowedProblem() {
		this.web.get()
			.uri("/login/altscodex?state=x")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.valueEquals(HttpHeaders.ALLOW, "POST")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(405);
	}

	@Test
	void callbackWhenQueryMalformedThenBadRequestProblem() {
		// well-formed URIs whose query is not: repeated parameters, bytes that are not UTF-8
		for (String query : new String[] { "state=a&state=b", "state=%E0%A4&success=1", "state=%C0%8D",
				"state=%FF", "success=1&code=%ED%A0%80" }) {
			RawResponse response = rawPost("/login/altscodex?" + query);
			assertThat(response.status()).as(query).isEqualTo(400);
			assertThat(response.contentType()).as(query).isEqualTo("application/problem+json");
			assertThat(response.body()).as(query).contains("\"status\":400").doesNotContain("Exception");
		}
		// not even a URI: the server refuses them before any handler runs, still with a 400
		for (String query : new String[] { "state=%zz&code=1", "state=abc%", "state=%0" }) {
			assertThat(rawPost("/login/altscodex?" + query).status()).as(query).isEqualTo(400);
		}
		assertThat(simulator.requests()).isEmpty();
	}

	@Test
	void callbackWhenQueryOversizedThenClientError() {
		RawResponse tooLong = rawPost(
				"/login/altscodex?state=" + "a".repeat(AltsCodexCallbackHandler.MAX_QUERY_LENGTH + 10));
		assertThat(tooLong.status()).isEqualTo(414);
		assertThat(tooLong.contentType()).isEqualTo("application/problem+json");
		// beyond what the HTTP server itself accepts in a request line: still a 4xx
		RawResponse wayTooLong = rawPost("/login/altscodex?state=" + "a".repeat(20_000));
		assertThat(wayTooLong.status()).isBetween(400, 499);
	}

	private static RawResponse rawPost(String pathAndQuery) {
		return HttpClient.create()
			.post()
			.uri("http://127.0.0.1:" + PORT + pathAndQuery)
			.responseSingle((response, body) -> body.asString()
				.defaultIfEmpty("")
				.map((text) -> new RawResponse(response.status().code(),
						response.responseHeaders().get("Content-Type"), text)))
			.block(Duration.ofSeconds(10));
	}

	record RawResponse(int status, String contentType, String body) {
	}

	@Test
	void callbackWhenLargeBodyThenStillReceived() {
		this.web.post()
			.uri("/login/altscodex?state=x")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(new byte[512 * 1024])
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void clientFailuresThenContractStatusesAsProblemDetails() {
		assertProblem("expired", 401, "EXPIRED_TOKEN");
		assertProblem("authorize", 502, "AUTHORIZE_ERROR");
		assertProblem("timeout", 408, null);
		assertProblem("rejected", 502, "ACCESS_DENIED");
		assertProblem("shutdown", 503, null);
		assertProblem("jwt", 400, null);
		assertProblem("code", 400, null);
		assertProblem("upstream500", 502, null);
		assertProblem("upstream401", 502, null);
		assertProblem("junk", 500, null);
		assertProblem("other", 500, null);
		assertProblem("unavailable", 503, null);
		assertProblem("upstreamTimeout", 504, null);
		assertProblem("busy", 503, null);
	}

	@Test
	void failuresWhereWaitingHelpsThenRetryAfter() {
		for (String kind : new String[] { "busy", "shutdown", "unavailable" }) {
			this.web.get().uri("/boom/" + kind).exchange().expectHeader().exists(HttpHeaders.RETRY_AFTER);
		}
		this.web.get().uri("/boom/busy").exchange().expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1");
		for (String kind : new String[] { "timeout", "upstreamTimeout", "jwt", "other" }) {
			this.web.get().uri("/boom/" + kind).exchange().expectHeader().doesNotExist(HttpHeaders.RETRY_AFTER);
		}
	}

	@Test
	void requestOnTheServersEventLoopThenBlockHoundIsLive() {
		this.web.get()
			.uri("/blocking")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).matches("detected on [a-z]+-http-(epoll|nio)-[0-9]+"));
	}

	@Test
	void upstreamPayloadIsNotRelayed() {
		this.web.get()
			.uri("/boom/upstream500")
			.exchange()
			.expectBody(String.class)
			.value((body) -> assertThat(body).doesNotContain("secret-upstream-detail"));
	}

	@Test
	void loginWhenTokenExpiredThenUnauthorizedProblemWithCode() {
		this.web.post()
			.uri("/test-login")
			.bodyValue(simulator.issueJwt("alice", Duration.ofMinutes(-1)))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("EXPIRED_TOKEN");
	}

	private void assertProblem(String kind, int status, String code) {
		WebTestClient.BodyContentSpec body = this.web.get()
			.uri("/boom/" + kind)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(status)
			.jsonPath("$.title")
			.isNotEmpty()
			.jsonPath("$.instance")
			.isEqualTo("/boom/" + kind)
			.jsonPath("$.trace")
			.doesNotExist();
		if (code != null) {
			body.jsonPath("$.code").isEqualTo(code);
		}
		else {
			body.jsonPath("$.code").doesNotExist();
		}
	}

}
