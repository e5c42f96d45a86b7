package com.altscodex.deoauth.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Sends DeOAuth callbacks, {@code POST {redirect_uri}?state=..&code=..&success=..} with an
 * empty body, and records each attempt with the application's answer.
 */
final class CallbackSender {

	private static final Logger logger = LoggerFactory.getLogger(CallbackSender.class);

	private final HttpClient httpClient;

	private final Journal<CallbackAttempt> attempts;

	private final Mono<Void> shutdown;

	CallbackSender(HttpClient httpClient, Journal<CallbackAttempt> attempts, Mono<Void> shutdown) {
		this.httpClient = httpClient;
		this.attempts = attempts;
		this.shutdown = shutdown;
	}

	/**
	 * Sends one callback; completes with the recorded attempt, whatever its outcome. The
	 * returned {@link Mono} never errors.
	 */
	Mono<CallbackAttempt> send(String redirectUri, String state, @Nullable String code, String success) {
		Map<String, @Nullable String> params = new LinkedHashMap<>();
		params.put("state", state);
		params.put("code", code);
		params.put("success", success);
		String uri = appendQuery(redirectUri, params);
		return Mono.defer(() -> {
			// an attempt is recorded once answered; one sent before clearCallbacks() is dropped
			long epoch = this.attempts.epoch();
			return this.httpClient.post()
				.uri(uri)
				.responseSingle((response, body) -> body.asByteArray()
					.thenReturn(response.status().code())
					.defaultIfEmpty(response.status().code()))
				.takeUntilOther(this.shutdown)
				.defaultIfEmpty(-1)
				// an unreachable app is a recorded attempt; an Error (a blocked event loop) is not
				.onErrorResume(Exception.class, (ex) -> {
					logger.debug("Callback to {} failed: {}", redirectUri, ex.getClass().getName());
					return Mono.just(-1);
				})
				.map((status) -> new CallbackAttempt(redirectUri, state, code, success, status))
				.doOnNext((attempt) -> {
					logger.debug("Callback to {} answered {}", redirectUri, attempt.status());
					this.attempts.add(attempt, epoch);
				});
		});
	}

	/**
	 * Appends query parameters to a URI, URL-encoded; {@code null} values are left out.
	 */
	static String appendQuery(String uri, Map<String, @Nullable String> params) {
		StringBuilder target = new StringBuilder(uri);
		int fragment = uri.indexOf('#');
		String tail = "";
		if (fragment >= 0) {
			tail = uri.substring(fragment);
			target.setLength(fragment);
		}
		char separator = (target.indexOf("?") >= 0) ? '&' : '?';
		if (target.length() > 0 && (target.charAt(target.length() - 1) == '?' || target.charAt(target.length() - 1) == '&')) {
			separator = 0;
		}
		for (Map.Entry<String, @Nullable String> param : params.entrySet()) {
			String value = param.getValue();
			if (value == null) {
				continue;
			}
			if (separator != 0) {
				target.append(separator);
			}
			target.append(encode(param.getKey())).append('=').append(encode(value));
			separator = '&';
		}
		return target.append(tail).toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
