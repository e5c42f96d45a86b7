package com.altscodex.spring.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RouterFunctions;

import com.altscodex.spring.client.AltsCodexException;
import com.altscodex.spring.client.AltsCodexHttpException;
import com.altscodex.spring.client.AuthorizeFailedException;
import com.altscodex.spring.client.AuthorizeRejectedException;
import com.altscodex.spring.client.CallbackTimeoutException;
import com.altscodex.spring.client.ClientShutdownException;
import com.altscodex.spring.client.DeOAuthOperation;
import com.altscodex.spring.client.DeOAuthTimeoutException;
import com.altscodex.spring.client.DeOAuthUnavailableException;
import com.altscodex.spring.client.FailureKind;
import com.altscodex.spring.client.InvalidCodeException;
import com.altscodex.spring.client.InvalidJwtException;
import com.altscodex.spring.client.InvalidResponseException;
import com.altscodex.spring.client.TokenRefreshFailedException;
import com.altscodex.spring.client.TooManyPendingLoginsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every failure, answered from the one table: its status, problem type and title, the
 * {@code Retry-After} where waiting helps, DeOAuth's code only when it looks like an
 * error code, and nothing else from upstream.
 */
class AltsCodexProblemDetailsTests {

	private static final String UPSTREAM_TEXT = "<b>db01.internal</b> said no";

	private final AltsCodexProblemDetails problemDetails = new AltsCodexProblemDetails();

	static Stream<Arguments> failures() {
		return Stream.of(
				Arguments.of(new InvalidJwtException("it is empty"), 400, "invalid-jwt", null),
				Arguments.of(new InvalidCodeException("it is empty"), 400, "invalid-code", null),
				Arguments.of(new AuthorizeFailedException("EXPIRED_TOKEN", UPSTREAM_TEXT), 401, "expired-token", null),
				Arguments.of(new AltsCodexHttpException(DeOAuthOperation.AUTHORIZE, 401, Map.of("raw", UPSTREAM_TEXT)),
						401, "token-refused", null),
				Arguments.of(new TokenRefreshFailedException(UPSTREAM_TEXT), 401, "refresh-failed", null),
				Arguments.of(new CallbackTimeoutException(Duration.ofSeconds(15)), 408, "callback-timeout", null),
				Arguments.of(new AuthorizeFailedException("AUTHORIZE_ERROR", UPSTREAM_TEXT), 502, "authorize-failed",
						null),
				Arguments.of(new AuthorizeRejectedException("rejected", "ACCESS_DENIED"), 502, "authorize-rejected",
						null),
				Arguments.of(new AltsCodexHttpException(DeOAuthOperation.GET_TOKEN, 401, Map.of("raw", UPSTREAM_TEXT)),
						502, "upstream-error", null),
				Arguments.of(new AltsCodexHttpException(DeOAuthOperation.GET_TOKEN, 500, Map.of("raw", UPSTREAM_TEXT)),
						502, "upstream-error", null),
				Arguments.of(new ClientShutdownException("default"), 503, "shutting-down", "5"),
				Arguments.of(new TooManyPendingLoginsException("default", 10_000), 503, "sign-in-busy", "1"),
				Arguments.of(new DeOAuthUnavailableException("Could not reach DeOAuth", null), 503,
						"upstream-unavailable", "5"),
				Arguments.of(new AltsCodexHttpException(DeOAuthOperation.AUTHORIZE, 429, Map.of("raw", UPSTREAM_TEXT)),
						503, "upstream-busy", "5"),
				Arguments.of(new DeOAuthTimeoutException("DeOAuth did not answer in time"), 504, "upstream-timeout",
						null),
				Arguments.of(new InvalidResponseException(DeOAuthOperation.GET_TOKEN, "not JSON"), 500,
						"invalid-response", null),
				Arguments.of(new AltsCodexException("other"), 500, "sign-in-failed", null));
	}

	@ParameterizedTest
	@MethodSource("failures")
	void problemThenFromTheTable(AltsCodexException failure, int status, String type, String retryAfter) {
		ProblemDetail problem = this.problemDetails.problemFor(failure);
		assertThat(problem.getStatus()).isEqualTo(status);
		assertThat(problem.getType()).hasToString(FailureKind.TYPE_PREFIX + type);
		assertThat(problem.getTitle()).isEqualTo(failure.getKind().title());
		assertThat(problem.getDetail()).isEqualTo(failure.getKind().detail());
		assertThat(problem.toString()).doesNotContain(UPSTREAM_TEXT, "db01");
		WebTestClient.ResponseSpec answer = answer(failure).expectStatus().isEqualTo(status);
		answer.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (retryAfter != null) {
			answer.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, retryAfter);
		}
		else {
			answer.expectHeader().doesNotExist(HttpHeaders.RETRY_AFTER);
		}
		answer.expectBody(String.class).value((body) -> assertThat(body).doesNotContain(UPSTREAM_TEXT, "db01"));
	}

	@Test
	void everyKindHasADistinctProblemType() {
		assertThat(Stream.of(FailureKind.values()).map(FailureKind::type).distinct())
			.hasSameSizeAs(FailureKind.values());
	}

	@Test
	void problemCarriesDeOAuthsCodeOnlyWhenItLooksLikeAnErrorCode() {
		assertThat(this.problemDetails.problemFor(new AuthorizeFailedException("EXPIRED_TOKEN", null)).getProperties())
			.containsEntry("code", "EXPIRED_TOKEN");
		assertThat(this.problemDetails.problemFor(new AuthorizeRejectedException("rejected", "ACCESS_DENIED"))
			.getProperties()).containsEntry("code", "ACCESS_DENIED");
		for (String code : new String[] { "expired_token", "EXPIRED-TOKEN", "<script>", "A".repeat(65), "",
				"dGhpcyBpcyBhIG9uZS10aW1lIGNvZGU", "CODE WITH SPACES" }) {
			assertThat(this.problemDetails.problemFor(new AuthorizeFailedException(code, null)).getProperties())
				.as("problem for authorize code '%s'", code)
				.isNullOrEmpty();
			// a rejected callback's code parameter may be a one-time authorization code
			assertThat(this.problemDetails.problemFor(new AuthorizeRejectedException("rejected", code))
				.getProperties()).as("problem for callback code '%s'", code).isNullOrEmpty();
		}
	}

	@Test
	void upstreamPayloadWithJsonNullsThenKeepsItsStatus() {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("error", null);
		AltsCodexHttpException failure = new AltsCodexHttpException(DeOAuthOperation.GET_TOKEN, 503, payload);
		assertThat(failure.getPayload()).containsEntry("error", null);
		assertThat(this.problemDetails.problemFor(failure).getStatus()).isEqualTo(502);
	}

	@Test
	void otherExceptionsPassOnToTheNextHandler() {
		WebTestClient.bindToRouterFunction(RouterFunctions.route()
			.GET("/boom", (request) -> Mono.error(new IllegalStateException("not ours")))
			.build())
			.handlerStrategies(HandlerStrategies.builder()
				.exceptionHandler(new AltsCodexWebExceptionHandler(this.problemDetails,
						ServerCodecConfigurer.create().getWriters()))
				.build())
			.build()
			.get()
			.uri("/boom")
			.exchange()
			.expectStatus()
			.is5xxServerError()
			.expectHeader()
			.doesNotExist(HttpHeaders.RETRY_AFTER);
	}

	@Test
	void handlerWithoutAJsonWriterThenRefusedAtConstruction() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AltsCodexWebExceptionHandler(this.problemDetails, List.of()))
			.withMessageContaining("application/problem+json");
	}

	private WebTestClient.ResponseSpec answer(AltsCodexException failure) {
		return WebTestClient.bindToRouterFunction(RouterFunctions.route()
			.GET("/boom", (request) -> Mono.error(failure))
			.build())
			.handlerStrategies(HandlerStrategies.builder()
				.exceptionHandler(new AltsCodexWebExceptionHandler(this.problemDetails,
						ServerCodecConfigurer.create().getWriters()))
				.build())
			.build()
			.get()
			.uri("/boom")
			.exchange();
	}

}
