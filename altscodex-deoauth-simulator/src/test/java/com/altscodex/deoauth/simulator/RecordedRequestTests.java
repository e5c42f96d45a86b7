package com.altscodex.deoauth.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recording requests and callbacks, and keeping secrets out of their {@code toString()}.
 */
class RecordedRequestTests {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Test
	void toStringMasksAuthorizationHeadersAndSecretsInJsonBodies() {
		RecordedRequest request = new RecordedRequest("POST", "/oauth/token/refresh", Map.of(),
				Map.of("Authorization", List.of("Basic c2hvcDpzaG9wLXNlY3JldA=="), "Cookie", List.of("SESSION=abc"),
						"Content-Type", List.of("application/json")),
				"{\"refresh_token\":\"rt_secret\",\"client_id\":\"shop\",\"client_secret\" : \"s3cr\\\"et\","
						+ "\"access_token\":\"at_secret\",\"code\":\"the-code\",\"redirect_uri\":\"http://app/cb\"}",
				Instant.EPOCH);
		assertThat(request.toString()).doesNotContain("c2hvcDpzaG9wLXNlY3JldA==", "SESSION=abc", "rt_secret", "s3cr",
				"at_secret", "the-code")
			.contains("Basic ****", "\"client_id\":\"shop\"", "\"redirect_uri\":\"http://app/cb\"", "application/json",
					"\"code\":\"****\"");
		assertThat(request.body()).contains("rt_secret");
		assertThat(request.header("authorization")).isEqualTo("Basic c2hvcDpzaG9wLXNlY3JldA==");
	}

	@Test
	void toStringMasksSecretsInFormBodiesAndQueries() {
		RecordedRequest request = new RecordedRequest("GET", "/x",
				Map.of("code", List.of("query-code"), "state", List.of("visible-state")),
				Map.of("authorization", List.of("Bearer eyJhbGciOi.payload.sig")),
				"client_secret=form-secret&client_id=shop&jwt=eyJ.x.y", Instant.EPOCH);
		assertThat(request.toString()).doesNotContain("query-code", "eyJhbGciOi", "form-secret", "eyJ.x.y")
			.contains("visible-state", "Bearer ****", "client_id=shop");
		assertThat(request.queryParam("code")).isEqualTo("query-code");
	}

	@Test
	void callbackAttemptToStringMasksTheCode() {
		CallbackAttempt attempt = new CallbackAttempt("http://app/cb", "st", "secret-code", "1", 200);
		assertThat(attempt.toString()).doesNotContain("secret-code").contains("code=****", "state=st", "status=200");
		assertThat(new CallbackAttempt("http://app/cb", "st", null, "1", -1).toString()).contains("code=null");
	}

	@Test
	void requestsThroughTheServerAreRecordedInOrderAndAwaitable() {
		try (DeOAuthSimulator simulator = DeOAuthSimulator.builder().client("shop", "shop-secret", "*").build().start()) {
			DeOAuthTestClient client = new DeOAuthTestClient(simulator);
			Mono<RecordedRequest> logout = simulator.awaitRequest(DeOAuthEndpoints.LOGOUT_PATH);
			client.getToken("shop", "shop-secret", "some-code", "http://127.0.0.1/cb").block(TIMEOUT);
			String jwt = simulator.issueJwt("alice");
			client.post(DeOAuthEndpoints.LOGOUT_PATH, "Bearer " + jwt, null).block(TIMEOUT);
			logout.as(StepVerifier::create).assertNext((request) -> {
				assertThat(request.method()).isEqualTo("POST");
				assertThat(request.header("Authorization")).isEqualTo("Bearer " + jwt);
				assertThat(request.toString()).doesNotContain(jwt);
			}).expectComplete().verify(TIMEOUT);
			assertThat(simulator.requests()).extracting(RecordedRequest::path)
				.containsExactly(DeOAuthEndpoints.GET_TOKEN_PATH, DeOAuthEndpoints.LOGOUT_PATH);
			RecordedRequest getToken = simulator.requests(DeOAuthEndpoints.GET_TOKEN_PATH).get(0);
			assertThat(getToken.body()).contains("\"grant_type\":\"code\"", "some-code");
			assertThat(getToken.header("content-type")).isEqualTo("application/json");
			assertThat(getToken.toString()).doesNotContain("some-code", "c2hvcDpzaG9wLXNlY3JldA")
				.contains("Basic ****");
			simulator.clearRequests();
			assertThat(simulator.requests()).isEmpty();
		}
	}

}
