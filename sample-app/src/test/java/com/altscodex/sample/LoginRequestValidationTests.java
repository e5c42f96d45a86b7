package com.altscodex.sample;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserter;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every malformed {@code POST /login} gets a 4xx {@code application/problem+json} answer,
 * never a 500, and nothing reaches DeOAuth, through the whole security filter chain: each
 * request carries a valid CSRF token, so that it is the body, its type or the method that
 * is refused.
 */
class LoginRequestValidationTests {

	private static RunningSample sample;

	private static DeOAuthSimulator simulator;

	private final WebTestClient client = FrontPageClient.open(sample).client();

	@BeforeAll
	static void startSample() {
		// recorded, or "nothing was sent to DeOAuth" would hold vacuously; more sign-ins
		// from one address than the rate limit lets through
		sample = RunningSample.start(RunningSample.RECORD_TRAFFIC, RunningSample.NO_RATE_LIMIT);
		simulator = sample.simulator();
	}

	@AfterAll
	static void stopSample() {
		sample.close();
	}

	@BeforeEach
	void clearRequests() {
		simulator.clearRequests();
	}

	@AfterEach
	void nothingWasSentToDeOAuth() {
		assertThat(simulator.requests()).isEmpty();
	}

	static Stream<Body> malformedBodies() {
		return Stream.of(
				// not a JSON object
				Body.text("empty body", ""),
				Body.text("not JSON", "jwt=abc"),
				Body.text("JSON array", "[\"abc\"]"),
				Body.text("JSON string", "\"abc\""),
				Body.text("JSON null", "null"),
				Body.text("JSON number", "42"),
				Body.text("truncated JSON", "{\"jwt\": \"abc"),
				Body.text("trailing content", "{\"jwt\": \"abc\"} {}"),
				Body.text("duplicate jwt", "{\"jwt\": \"abc\", \"jwt\": \"def\"}"),
				Body.text("deeply nested", "{\"jwt\": " + "[".repeat(5000) + "]".repeat(5000) + "}"),
				// jwt missing or not a non-empty string
				Body.text("no jwt", "{}"),
				Body.text("other field", "{\"token\": \"abc\"}"),
				Body.text("null jwt", "{\"jwt\": null}"),
				Body.text("empty jwt", "{\"jwt\": \"\"}"),
				Body.text("number jwt", "{\"jwt\": 42}"),
				Body.text("huge number jwt", "{\"jwt\": 1e999999999}"),
				Body.text("boolean jwt", "{\"jwt\": true}"),
				Body.text("array jwt", "{\"jwt\": [\"abc\"]}"),
				Body.text("object jwt", "{\"jwt\": {\"value\": \"abc\"}}"),
				Body.text("jwt over 8 KB", "{\"jwt\": \"" + "a".repeat(8193) + "\"}"),
				// jwt not made of visible ASCII only, however it is written
				Body.text("space", "{\"jwt\": \"abc def\"}"),
				Body.text("escaped CR LF", "{\"jwt\": \"abc\\r\\ndef\"}"),
				Body.text("escaped NUL", "{\"jwt\": \"abc\\u0000def\"}"),
				Body.text("escaped DEL", "{\"jwt\": \"abc\\u007fdef\"}"),
				Body.text("escaped tab", "{\"jwt\": \"abc\\tdef\"}"),
				Body.text("escaped non-ASCII", "{\"jwt\": \"abc\\u00e9def\"}"),
				Body.text("escaped lone surrogate", "{\"jwt\": \"abc\\ud800def\"}"),
				Body.text("raw CR LF", "{\"jwt\": \"abc\r\ndef\"}"),
				Body.text("raw non-ASCII", "{\"jwt\": \"abc\u00e9def\"}"),
				Body.text("raw emoji", "{\"jwt\": \"abc\uD83D\uDE00def\"}"),
				// not UTF-8
				Body.bytes("overlong CR (C0 8D)", "{\"jwt\": \"abc", 0xC0, 0x8D, "def\"}"),
				Body.bytes("overlong quote (C0 A2)", "{\"jwt\": \"abc", 0xC0, 0xA2, "\"}"),
				Body.bytes("invalid byte FF", "{\"jwt\": \"abc", 0xFF, "def\"}"),
				Body.bytes("truncated sequence", "{\"jwt\": \"abc", 0xE2, 0x82, "\"}"),
				Body.bytes("encoded surrogate", "{\"jwt\": \"abc", 0xED, 0xA0, 0x80, "\"}"),
				Body.bytes("Latin-1", "{\"jwt\": \"abc", 0xE9, "def\"}"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedBodies")
	void malformedBodyIsBadRequest(Body body) {
		assertProblem(this.client.post().uri("/login").contentType(MediaType.APPLICATION_JSON).bodyValue(body.bytes()),
				HttpStatus.BAD_REQUEST);
	}

	@Test
	void bodyOverLimitIsContentTooLarge() {
		byte[] body = ("{\"jwt\": \"" + "a".repeat(20_000) + "\"}").getBytes(StandardCharsets.US_ASCII);
		assertProblem(this.client.post().uri("/login").contentType(MediaType.APPLICATION_JSON).bodyValue(body),
				HttpStatus.CONTENT_TOO_LARGE);
	}

	@Test
	void chunkedBodyOverLimitIsContentTooLarge() {
		DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
		Flux<DataBuffer> chunks = Flux.range(0, 20)
			.map((i) -> buffers.wrap(((i == 0) ? "{\"jwt\": \"" : "a".repeat(1024)).getBytes(StandardCharsets.US_ASCII)));
		assertProblem(this.client.post().uri("/login").contentType(MediaType.APPLICATION_JSON).body(chunks, DataBuffer.class),
				HttpStatus.CONTENT_TOO_LARGE);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "text/plain", "application/x-www-form-urlencoded", "application/xml", "*/*",
			"application/json; charset=ISO-8859-1", "application/json; charset=no-such-charset", "not a media type" })
	void otherContentTypeIsUnsupportedMediaType(String contentType) {
		assertProblem(this.client.post()
			.uri("/login")
			.header(HttpHeaders.CONTENT_TYPE, contentType)
			.body(unencoded("{\"jwt\": \"a.b.c\"}")), HttpStatus.UNSUPPORTED_MEDIA_TYPE);
	}

	// bypasses the client's encoders, which would refuse a malformed Content-Type
	private static BodyInserter<Object, ReactiveHttpOutputMessage> unencoded(String body) {
		byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
		return (message, context) -> {
			message.getHeaders().setContentLength(bytes.length);
			return message.writeWith(Mono.just(message.bufferFactory().wrap(bytes)));
		};
	}

	@Test
	void missingContentTypeIsUnsupportedMediaType() {
		assertProblem(this.client.post().uri("/login"), HttpStatus.UNSUPPORTED_MEDIA_TYPE);
	}

	@Test
	void utf8JsonWithCharsetParameterIsAcceptedAsJson() {
		// the media type is accepted: the (empty) jwt is what is refused
		assertProblem(this.client.post()
			.uri("/login")
			.header(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8")
			.bodyValue("{\"jwt\": \"\"}".getBytes(StandardCharsets.US_ASCII)), HttpStatus.BAD_REQUEST);
	}

	// PUT, PATCH and DELETE carry the CSRF header too: without it they are refused with 403
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "GET", "PUT", "PATCH", "DELETE", "OPTIONS" })
	void otherMethodIsMethodNotAllowed(String method) {
		this.client.method(HttpMethod.valueOf(method))
			.uri("/login")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
			.expectHeader()
			.valueEquals(HttpHeaders.ALLOW, "POST")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(405);
	}

	private static void assertProblem(WebTestClient.RequestHeadersSpec<?> request, HttpStatus status) {
		request.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(status.value())
			.jsonPath("$.title").isNotEmpty()
			.jsonPath("$.detail").isNotEmpty();
	}

	/**
	 * A request body, named for the test report.
	 */
	record Body(String name, byte[] bytes) {

		static Body text(String name, String json) {
			return new Body(name, json.getBytes(StandardCharsets.UTF_8));
		}

		// a mix of ASCII strings and raw bytes
		static Body bytes(String name, Object... parts) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			for (Object part : parts) {
				if (part instanceof String text) {
					bytes.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
				}
				else {
					bytes.write((Integer) part);
				}
			}
			return new Body(name, bytes.toByteArray());
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
