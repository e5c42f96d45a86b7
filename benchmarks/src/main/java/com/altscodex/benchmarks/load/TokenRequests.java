package com.altscodex.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import com.altscodex.benchmarks.server.AuthorizationBenchConfiguration;
import com.altscodex.benchmarks.server.SecuredBenchConfiguration;

/**
 * What an API client does against the authz stage's app, with no session: {@code GET
 * /bench/public} with no credential at all, or {@code GET /bench/reports} with its own
 * personal access token in {@code Authorization: Bearer}. Cookies the app sets (the CSRF
 * cookie) are not sent back, as a script's HTTP client would not; both kinds alike.
 */
final class TokenRequests {

	private TokenRequests() {
	}

	static Mono<Outcome> anonymous(HttpClient client) {
		return hello(client, AuthorizationBenchConfiguration.PUBLIC_PATH, null);
	}

	/**
	 * @param authorization the whole header value, {@code Bearer altscodex_pat_...}, made
	 * once per virtual user
	 */
	static Mono<Outcome> withToken(HttpClient client, String authorization) {
		return hello(client, AuthorizationBenchConfiguration.REPORTS_PATH, authorization);
	}

	private static Mono<Outcome> hello(HttpClient client, String path, @Nullable String authorization) {
		return client.request(HttpMethod.GET)
			.uri(path)
			.send((request, outbound) -> {
				if (authorization != null) {
					request.header(HttpHeaderNames.AUTHORIZATION, authorization);
				}
				return outbound;
			})
			.responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.map((text) -> Outcome.expecting(response.status().code(),
						SecuredBenchConfiguration.HELLO.equals(text))))
			.onErrorResume((ex) -> Mono.just(Outcome.transport(ex)));
	}

	/**
	 * The {@code Authorization} header of each token in a file the app wrote, one
	 * {@code user<TAB>token} a line, in its order.
	 * @throws IllegalArgumentException if the file holds no token
	 */
	static List<String> authorizations(Path file) throws IOException {
		List<String> authorizations = new ArrayList<>();
		for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
			int tab = line.indexOf('\t');
			if (tab > 0 && tab < line.length() - 1) {
				authorizations.add("Bearer " + line.substring(tab + 1).strip());
			}
		}
		if (authorizations.isEmpty()) {
			throw new IllegalArgumentException("No token in " + file);
		}
		return List.copyOf(authorizations);
	}

}
