package com.altscodex.spring.web;

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
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.Assert;

import com.altscodex.spring.client.AltsCodexException;
import com.altscodex.spring.client.FailureKind;

/**
 * Reads a request body that must be one JSON object, refusing everything else with an
 * {@link AltsCodexException} the {@link AltsCodexWebExceptionHandler} answers: a body not
 * declared as JSON in UTF-8 ({@link FailureKind#REQUEST_MEDIA_TYPE_NOT_SUPPORTED}), a body
 * over the limit ({@link FailureKind#REQUEST_TOO_LARGE}, read no further), and one that is
 * not strict UTF-8, not JSON, not an object, with a duplicate field or anything after the
 * object ({@link FailureKind#INVALID_REQUEST}).
 */
public final class ServerJsonBodyReader {

	private final ObjectReader reader;

	/**
	 * Creates a reader.
	 * @param jsonMapper the application's JSON mapper
	 */
	public ServerJsonBodyReader(JsonMapper jsonMapper) {
		Assert.notNull(jsonMapper, "jsonMapper cannot be null");
		this.reader = jsonMapper.reader()
			.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	/**
	 * Reads a request's body as one JSON object.
	 * @param request the request
	 * @param maxBytes the largest body read
	 * @return the object
	 */
	public Mono<JsonNode> readObject(ServerHttpRequest request, int maxBytes) {
		if (!isJson(request)) {
			return Mono.error(failure(FailureKind.REQUEST_MEDIA_TYPE_NOT_SUPPORTED, "not JSON in UTF-8"));
		}
		if (request.getHeaders().getContentLength() > maxBytes) {
			return Mono.error(failure(FailureKind.REQUEST_TOO_LARGE, "over " + maxBytes + " bytes"));
		}
		return DataBufferUtils.join(request.getBody(), maxBytes)
			.map(ServerJsonBodyReader::bytesOf)
			.defaultIfEmpty(new byte[0])
			.map(this::objectOf)
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> failure(FailureKind.REQUEST_TOO_LARGE, "over " + maxBytes + " bytes"));
	}

	private JsonNode objectOf(byte[] body) {
		JsonNode json;
		try {
			json = this.reader.readTree(decodeUtf8(body));
		}
		catch (JacksonException ex) {
			throw failure(FailureKind.INVALID_REQUEST, "the body is not valid JSON");
		}
		if (json == null || !json.isObject()) {
			throw failure(FailureKind.INVALID_REQUEST, "the body is not a JSON object");
		}
		return json;
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

	// strict, unlike new String(bytes, UTF_8): overlong forms are errors, not replaced
	private static String decodeUtf8(byte[] body) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw failure(FailureKind.INVALID_REQUEST, "the body is not valid UTF-8");
		}
	}

	private static AltsCodexException failure(FailureKind kind, String what) {
		return new AltsCodexException(kind, "Refused a request body: " + what, null);
	}

}
