package com.altscodex.deoauth.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speaks the client side of the DeOAuth contract to a simulator over real HTTP.
 */
final class DeOAuthTestClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static {
		// fill Jackson's caches (filled under a lock) before event loops parse replies
		JSON.readTree(JSON.writeValueAsString(Map.of("warm", "up")));
	}

	private final HttpClient http;

	DeOAuthTestClient(DeOAuthSimulator simulator) {
		this.http = HttpClient.create().baseUrl(simulator.baseUrl());
	}

	Mono<Reply> authorize(@Nullable String jwt, String clientId, String redirectUri, @Nullable String state) {
		Map<String, @Nullable String> params = new LinkedHashMap<>();
		params.put("client_id", clientId);
		params.put("redirect_uri", redirectUri);
		params.put("respose_type", "code");
		params.put("state", state);
		return get(CallbackSender.appendQuery(DeOAuthEndpoints.AUTHORIZE_PATH, params),
				(jwt != null) ? "Bearer " + jwt : null);
	}

	Mono<Reply> getToken(String clientId, String clientSecret, String code, String redirectUri) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("grant_type", "code");
		body.put("code", code);
		body.put("redirect_uri", redirectUri);
		return post(DeOAuthEndpoints.GET_TOKEN_PATH, basic(clientId, clientSecret), JSON.writeValueAsString(body));
	}

	static String basic(String clientId, String clientSecret) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
	}

	Mono<Reply> get(String pathAndQuery, @Nullable String authorization) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (authorization != null) {
			headers.put("Authorization", authorization);
		}
		return getWithHeaders(pathAndQuery, headers);
	}

	Mono<Reply> getWithHeaders(String pathAndQuery, Map<String, String> requestHeaders) {
		return this.http.headers((headers) -> requestHeaders.forEach(headers::set))
			.get()
			.uri(pathAndQuery)
			.responseSingle((response, body) -> body.asString()
				.defaultIfEmpty("")
				.map((text) -> new Reply(response.status().code(), response.responseHeaders(), text)));
	}

	Mono<Reply> post(String path, @Nullable String authorization, @Nullable String body) {
		return this.http.headers((headers) -> {
			if (authorization != null) {
				headers.set("Authorization", authorization);
			}
			headers.set("Content-Type", "application/json");
		})
			.post()
			.uri(path)
			.send((request, outbound) -> (body != null) ? outbound.sendString(Mono.just(body)) : outbound)
			.responseSingle((response, content) -> content.asString()
				.defaultIfEmpty("")
				.map((text) -> new Reply(response.status().code(), response.responseHeaders(), text)));
	}

	record Reply(int status, HttpHeaders headers, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		String text(String field) {
			JsonNode value = json().get(field);
			if (value == null || value.isNull()) {
				throw new AssertionError("No field '" + field + "' in " + this.body);
			}
			return value.asString();
		}

	}

}
