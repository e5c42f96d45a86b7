package com.altscodex.spring.client;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads DeOAuth's answers. Parsing errors are reported without the parser's message,
 * which quotes the body (and the body of a {@code get_token} answer holds an access
 * token).
 */
final class DeOAuthAnswers {

	private static final int MAX_TEXT = 200;

	private static final int MAX_RAW = 2000;

	private final JsonMapper jsonMapper;

	DeOAuthAnswers(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
		warmUp();
	}

	/*
	 * Jackson builds a type's (de)serializer on first use, under a lock; on an event
	 * loop under load that first use could park a thread. Building them here, at
	 * start-up, leaves only lock-free cache lookups for the event loops.
	 */
	private void warmUp() {
		slotInfo("{\"data\":[{\"id\":\"warm-up\",\"tr_cnt\":1}]}".getBytes(StandardCharsets.UTF_8));
		authorize("{\"success\":true}".getBytes(StandardCharsets.UTF_8));
		refresh("{\"success\":true,\"access_token\":\"a\"}".getBytes(StandardCharsets.UTF_8));
		payload("{\"error\":\"warm-up\"}".getBytes(StandardCharsets.UTF_8));
		this.jsonMapper.writeValueAsBytes(new LinkedHashMap<>(Map.of("warm", "up")));
	}

	void authorize(byte[] body) {
		JsonNode answer = readObject(DeOAuthOperation.AUTHORIZE, body);
		JsonNode success = answer.get("success");
		if (success == null || !success.isBoolean()) {
			throw new InvalidResponseException(DeOAuthOperation.AUTHORIZE, "no boolean 'success'");
		}
		if (!success.booleanValue()) {
			throw new AuthorizeFailedException(text(answer, "code"), text(answer, "msg"));
		}
	}

	SlotInfo slotInfo(byte[] body) {
		JsonNode answer = readObject(DeOAuthOperation.GET_TOKEN, body);
		JsonNode data = answer.get("data");
		JsonNode slot = answer;
		if (data != null && !data.isNull()) {
			if (!data.isArray() || data.isEmpty() || !data.get(0).isObject()) {
				throw new InvalidResponseException(DeOAuthOperation.GET_TOKEN, "'data' holds no slot");
			}
			slot = data.get(0);
		}
		SlotInfo slotInfo;
		try {
			slotInfo = this.jsonMapper.treeToValue(slot, SlotInfo.class);
		}
		catch (JacksonException ex) {
			throw new InvalidResponseException(DeOAuthOperation.GET_TOKEN, "slot fields of the wrong type");
		}
		if (slotInfo == null || slotInfo.isEmpty()) {
			throw new InvalidResponseException(DeOAuthOperation.GET_TOKEN, "no slot info");
		}
		return slotInfo;
	}

	TokenSet refresh(byte[] body) {
		JsonNode answer = readObject(DeOAuthOperation.REFRESH, body);
		JsonNode success = answer.get("success");
		if (success == null || !success.isBoolean()) {
			throw new InvalidResponseException(DeOAuthOperation.REFRESH, "no boolean 'success'");
		}
		if (!success.booleanValue()) {
			throw new TokenRefreshFailedException(text(answer, "message"));
		}
		return new TokenSet(rawText(answer, "access_token"), rawText(answer, "refresh_token"),
				rawText(answer, "code"));
	}

	AltsCodexHttpException httpError(DeOAuthOperation operation, int status, byte[] body) {
		return new AltsCodexHttpException(operation, status, payload(body));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> payload(byte[] body) {
		try {
			JsonNode node = this.jsonMapper.readTree(body);
			if (node != null && node.isObject()) {
				return this.jsonMapper.treeToValue(node, LinkedHashMap.class);
			}
		}
		catch (JacksonException ex) {
			// not JSON: kept as raw text below
		}
		String raw = new String(body, StandardCharsets.UTF_8);
		return Map.of("raw", (raw.length() > MAX_RAW) ? raw.substring(0, MAX_RAW) : raw);
	}

	private JsonNode readObject(DeOAuthOperation operation, byte[] body) {
		JsonNode node;
		try {
			node = this.jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidResponseException(operation, "not JSON");
		}
		if (node == null || !node.isObject()) {
			throw new InvalidResponseException(operation, "not a JSON object");
		}
		return node;
	}

	private static @Nullable String rawText(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	/**
	 * Upstream text that may end up in a log line or an exception message: bounded,
	 * and without control characters that could forge log lines.
	 */
	private static @Nullable String text(JsonNode node, String field) {
		String value = rawText(node, field);
		if (value == null) {
			return null;
		}
		StringBuilder clean = new StringBuilder(Math.min(value.length(), MAX_TEXT));
		for (int i = 0; i < value.length() && clean.length() < MAX_TEXT; i++) {
			char c = value.charAt(i);
			clean.append(Character.isISOControl(c) ? ' ' : c);
		}
		return clean.toString();
	}

}
