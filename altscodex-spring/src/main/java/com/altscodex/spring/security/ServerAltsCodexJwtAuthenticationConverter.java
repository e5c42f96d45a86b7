package com.altscodex.spring.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

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
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

import com.altscodex.spring.client.FailureKind;

/**
 * Reads the JWT of a popup sign-in, {@code POST /login} with {@code {"jwt": "..."}}, into
 * an {@link AltsCodexLoginAuthenticationToken}, checking the request before anything is
 * sent to DeOAuth. Each malformed request fails with its own
 * {@link AltsCodexAuthenticationException}: another method than POST
 * ({@link FailureKind#LOGIN_METHOD_NOT_ALLOWED}), a body not declared as JSON in UTF-8
 * ({@link FailureKind#LOGIN_MEDIA_TYPE_NOT_SUPPORTED}), a body over
 * {@value #MAX_BODY_BYTES} bytes ({@link FailureKind#LOGIN_REQUEST_TOO_LARGE}), and a
 * body that is not strict UTF-8 or not a JSON object with one non-empty string
 * {@code jwt} ({@link FailureKind#INVALID_LOGIN_REQUEST}). The client itself refuses a
 * {@code jwt} that cannot be a JWT, before sending anything.
 */
public final class ServerAltsCodexJwtAuthenticationConverter implements ServerAuthenticationConverter {

	/** Largest request body read: room for the longest JWT the client accepts (8 KB). */
	public static final int MAX_BODY_BYTES = 16 * 1024;

	private final String clientName;

	private final ObjectReader jsonReader;

	/**
	 * Creates a converter for one client registration.
	 * @param clientName the name of the client registration the JWT signs in with
	 * @param jsonMapper the JSON mapper that reads the body
	 */
	public ServerAltsCodexJwtAuthenticationConverter(String clientName, JsonMapper jsonMapper) {
		Assert.hasText(clientName, "clientName cannot be empty");
		Assert.notNull(jsonMapper, "jsonMapper cannot be null");
		this.clientName = clientName;
		// a duplicate "jwt" or anything after the object is ambiguous: refused, not guessed
		this.jsonReader = jsonMapper.reader()
			.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getMethod() != HttpMethod.POST) {
			return Mono.error(new AltsCodexAuthenticationException(FailureKind.LOGIN_METHOD_NOT_ALLOWED));
		}
		if (!isJson(request)) {
			return Mono.error(new AltsCodexAuthenticationException(FailureKind.LOGIN_MEDIA_TYPE_NOT_SUPPORTED));
		}
		// refuse at once what the capped read below would refuse anyway
		if (request.getHeaders().getContentLength() > MAX_BODY_BYTES) {
			return Mono.error(new AltsCodexAuthenticationException(FailureKind.LOGIN_REQUEST_TOO_LARGE));
		}
		return DataBufferUtils.join(request.getBody(), MAX_BODY_BYTES)
			.map(ServerAltsCodexJwtAuthenticationConverter::bytesOf)
			.defaultIfEmpty(new byte[0])
			.map((body) -> (Authentication) AltsCodexLoginAuthenticationToken.jwt(this.clientName, jwtOf(body)))
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> new AltsCodexAuthenticationException(FailureKind.LOGIN_REQUEST_TOO_LARGE));
	}

	// JSON is UTF-8 (RFC 8259): a charset parameter may only say so
	private static boolean isJson(ServerHttpRequest request) {
		try {
			MediaType contentType = request.getHeaders().getContentType();
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

	private static AltsCodexAuthenticationException invalid(String detail) {
		return new AltsCodexAuthenticationException(FailureKind.INVALID_LOGIN_REQUEST, detail);
	}

}
