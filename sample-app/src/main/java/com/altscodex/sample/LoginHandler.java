package com.altscodex.sample;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.log.LogFormatUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.AltsCodexException;

/**
 * {@code POST /login} with {@code {"jwt": "..."}}: signs the user in with the JWT the
 * AltsCodex popup handed to the browser.
 * <p>
 * The request is checked before anything is sent to DeOAuth. Each malformed request gets
 * its own {@code application/problem+json} answer: 405 for another method, 415 for a
 * body that is not declared as JSON, 413 for a body over {@value #MAX_BODY_BYTES} bytes,
 * 400 for a body that is not a JSON object with a non-empty string {@code jwt}. The
 * client itself refuses a {@code jwt} that cannot be a JWT (too long, or not visible
 * ASCII) before sending anything, with an {@code InvalidJwtException} answered 400.
 * Failures of the sign-in itself are {@link AltsCodexException}s, which the starter
 * answers with the contract's statuses.
 */
final class LoginHandler implements HandlerFunction<ServerResponse> {

	/** Largest request body read: room for the longest JWT the client accepts (8 KB). */
	static final int MAX_BODY_BYTES = 16 * 1024;

	private static final String BODY_TOO_LARGE = "The request body is too large.";

	private static final Log logger = LogFactory.getLog(LoginHandler.class);

	private final AltsCodexClient altsCodex;

	private final ObjectReader jsonReader;

	LoginHandler(AltsCodexClient altsCodex, JsonMapper jsonMapper) {
		this.altsCodex = altsCodex;
		this.jsonReader = jsonMapper.reader()
			.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		if (request.method() != HttpMethod.POST) {
			return problem(request, HttpStatus.METHOD_NOT_ALLOWED, "Sign in with POST.");
		}
		if (!isJson(request)) {
			return problem(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the JWT as application/json.");
		}
		return readJwt(request).flatMap(this.altsCodex::getSlotInfo)
			.map(SignedInUser::of)
			// the id comes from DeOAuth: quoted, and no line breaks that could forge log lines
			.doOnNext((user) -> logger
				.info("Signed in AltsCodex user " + LogFormatUtils.formatValue(user.id(), 256, true)))
			.flatMap((user) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(LoginResponse.signedIn(user)))
			.onErrorResume(InvalidRequestException.class, (ex) -> problem(request, ex.status, ex.getMessage()));
	}

	private Mono<String> readJwt(ServerRequest request) {
		OptionalLong contentLength = request.headers().contentLength();
		// refuse at once what the capped read below would refuse anyway
		if (contentLength.isPresent() && contentLength.getAsLong() > MAX_BODY_BYTES) {
			return Mono.error(new InvalidRequestException(HttpStatus.CONTENT_TOO_LARGE, BODY_TOO_LARGE));
		}
		return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class), MAX_BODY_BYTES)
			.map(LoginHandler::bytesOf)
			.defaultIfEmpty(new byte[0])
			.map(this::jwtOf)
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> new InvalidRequestException(HttpStatus.CONTENT_TOO_LARGE, BODY_TOO_LARGE));
	}

	// JSON is UTF-8 (RFC 8259): a charset parameter may only say so
	private static boolean isJson(ServerRequest request) {
		try {
			MediaType contentType = request.headers().contentType().orElse(null);
			if (contentType == null || !MediaType.APPLICATION_JSON.equalsTypeAndSubtype(contentType)) {
				return false;
			}
			Charset charset = contentType.getCharset();
			return charset == null || StandardCharsets.UTF_8.equals(charset);
		}
		catch (IllegalArgumentException ex) {
			// a malformed Content-Type or an unknown charset
			return false;
		}
	}

	private static byte[] bytesOf(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private String jwtOf(byte[] body) {
		JsonNode json;
		try {
			json = this.jsonReader.readTree(decodeUtf8(body));
		}
		catch (JacksonException ex) {
			throw invalid("The request body is not valid JSON.");
		}
		if (json == null || !json.isObject()) {
			throw invalid("The request body must be a JSON object.");
		}
		JsonNode jwt = json.get("jwt");
		if (jwt == null || jwt.isNull()) {
			throw invalid("The 'jwt' field is missing.");
		}
		if (!jwt.isString()) {
			throw invalid("The 'jwt' field must be a string.");
		}
		String value = jwt.stringValue();
		if (value.isEmpty()) {
			throw invalid("The 'jwt' field is empty.");
		}
		return value;
	}

	// strict, unlike new String(bytes, UTF_8): overlong forms such as C0 8D are errors
	private static String decodeUtf8(byte[] body) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw invalid("The request body is not valid UTF-8.");
		}
	}

	private static Mono<ServerResponse> problem(ServerRequest request, HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setInstance(URI.create(request.path()));
		ServerResponse.BodyBuilder response = ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (status == HttpStatus.METHOD_NOT_ALLOWED) {
			response.header(HttpHeaders.ALLOW, HttpMethod.POST.name());
		}
		return response.bodyValue(problem);
	}

	private static InvalidRequestException invalid(String detail) {
		return new InvalidRequestException(HttpStatus.BAD_REQUEST, detail);
	}

	/**
	 * A request that cannot hold a JWT. Its message is the problem's detail; it never
	 * repeats the input.
	 */
	private static final class InvalidRequestException extends RuntimeException {

		private final HttpStatus status;

		InvalidRequestException(HttpStatus status, String detail) {
			super(detail, null, false, false);
			this.status = status;
		}

	}

}
