package com.altscodex.benchmarks.bare;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The leanest straightforward client of the DeOAuth contract: register a
 * {@code Sinks.One} under a fresh state, {@code GET authorize} with the bearer JWT, wait
 * for the callback, {@code POST get_token} with Basic credentials, settle the sink.
 * Its connection pool is sized like the starter's (500 connections, pending acquires
 * unbounded).
 */
final class BareDeOAuthClient implements DisposableBean {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final ConcurrentHashMap<String, Sinks.One<Slot>> pending = new ConcurrentHashMap<>();

	private final SecureRandom random;

	private final ConnectionProvider connections;

	private final WebClient webClient;

	private final String authorizePrefix;

	private final URI getTokenUri;

	private final String basic;

	private final String redirectUri;

	private final Duration timeout;

	BareDeOAuthClient(WebClient.Builder webClientBuilder, String clientId, String clientSecret, String redirectUri,
			String authServerUrl, Duration timeout) {
		this.connections = ConnectionProvider.builder("bare")
			.maxConnections(BareApp.MAX_CONNECTIONS)
			.pendingAcquireMaxCount(BareApp.MAX_PENDING_ACQUIRES)
			.pendingAcquireTimeout(Duration.ofSeconds(15))
			.maxIdleTime(Duration.ofSeconds(30))
			.build();
		this.webClient = webClientBuilder
			.clientConnector(new ReactorClientHttpConnector(
					HttpClient.create(this.connections).responseTimeout(Duration.ofSeconds(10))))
			.build();
		String base = authServerUrl.endsWith("/") ? authServerUrl.substring(0, authServerUrl.length() - 1)
				: authServerUrl;
		this.authorizePrefix = base + "/v1/oauth-meta/authorize?client_id=" + encode(clientId) + "&redirect_uri="
				+ encode(redirectUri) + "&respose_type=code&state=";
		this.getTokenUri = URI.create(base + "/v1/oauth-meta/get_token");
		this.basic = "Basic "
				+ Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
		this.redirectUri = redirectUri;
		this.timeout = timeout;
		try {
			this.random = SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	Mono<Slot> login(String jwt) {
		return Mono.defer(() -> {
			String state = nextState();
			Sinks.One<Slot> sink = Sinks.one();
			this.pending.put(state, sink);
			return this.webClient.get()
				.uri(URI.create(this.authorizePrefix + state))
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + jwt)
				.retrieve()
				.bodyToMono(AuthorizeAnswer.class)
				.flatMap((answer) -> answer.success() ? sink.asMono()
						: Mono.error(new IllegalStateException("authorize failed: " + answer.code())))
				.timeout(this.timeout)
				.doFinally((signal) -> this.pending.remove(state));
		});
	}

	void callback(String state, String code, String success) {
		Sinks.One<Slot> sink = this.pending.remove(state);
		if (sink == null) {
			return;
		}
		if (!"1".equals(success) || code.isEmpty()) {
			sink.tryEmitError(new IllegalStateException("callback rejected"));
			return;
		}
		this.webClient.post()
			.uri(this.getTokenUri)
			.header(HttpHeaders.AUTHORIZATION, this.basic)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new GetTokenRequest("code", code, this.redirectUri))
			.retrieve()
			.bodyToMono(Slot.class)
			.subscribe(sink::tryEmitValue, sink::tryEmitError);
	}

	int pendingCount() {
		return this.pending.size();
	}

	private String nextState() {
		byte[] bytes = new byte[24];
		this.random.nextBytes(bytes);
		return BASE64URL.encodeToString(bytes);
	}

	@Override
	public void destroy() {
		this.connections.dispose();
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record AuthorizeAnswer(boolean success, @Nullable String code, @Nullable String msg) {
	}

	record GetTokenRequest(@JsonProperty("grant_type") String grantType, String code,
			@JsonProperty("redirect_uri") String redirectUri) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Slot(@Nullable String id, @JsonProperty("access_token") @Nullable String accessToken,
			@JsonProperty("content_address") @Nullable String contentAddress,
			@JsonProperty("token_nickname") @Nullable String tokenNickname,
			@JsonProperty("tr_cnt") @Nullable Long trCnt, @Nullable String code) {
	}

}
