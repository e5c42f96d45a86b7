package com.altscodex.spring.web;

import java.net.URI;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.AuthorizationCallback;
import com.altscodex.spring.client.pending.ClaimResult;

/**
 * The DeOAuth callback endpoint ({@code POST {redirect-uri}?state=..&code=..&success=..}).
 * <p>
 * It answers {@code 200 {"received": true}} at once, whatever the state, and hands the
 * callback to the clients registered on its path; the code exchange runs after the
 * answer. Methods other than POST get 405, malformed or oversized query strings 400 or
 * 414, always as {@code application/problem+json}.
 */
public final class AltsCodexCallbackHandler implements HandlerFunction<ServerResponse> {

	/** Longest raw query string accepted. */
	public static final int MAX_QUERY_LENGTH = 2048;

	private static final Log logger = LogFactory.getLog(AltsCodexCallbackHandler.class);

	private static final String RECEIVED = "{\"received\":true}";

	private final List<AltsCodexClient> clients;

	/**
	 * Creates a handler for the clients that share one callback path.
	 * @param clients the clients, tried in order until one knows the state
	 */
	public AltsCodexCallbackHandler(List<AltsCodexClient> clients) {
		Assert.notEmpty(clients, "clients must not be empty");
		this.clients = List.copyOf(clients);
	}

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		if (request.method() != HttpMethod.POST) {
			return problem(request, HttpStatus.METHOD_NOT_ALLOWED, "The callback endpoint accepts POST only.");
		}
		String rawQuery = request.uri().getRawQuery();
		if (rawQuery != null && rawQuery.length() > MAX_QUERY_LENGTH) {
			return problem(request, HttpStatus.URI_TOO_LONG, "The callback query string is too long.");
		}
		AuthorizationCallback callback;
		try {
			callback = AuthorizationCallback.parse(rawQuery);
		}
		catch (RuntimeException ex) {
			return problem(request, HttpStatus.BAD_REQUEST, "The callback query string is malformed.");
		}
		return route(callback).onErrorResume((ex) -> {
			logger.warn("Could not route a DeOAuth callback: " + ex.getClass().getName());
			return Mono.empty();
		}).then(ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(RECEIVED));
	}

	private Mono<Void> route(AuthorizationCallback callback) {
		if (this.clients.size() == 1) {
			return this.clients.get(0).handleCallback(callback).then();
		}
		return Flux.fromIterable(this.clients)
			.concatMap((client) -> client.handleCallback(callback))
			.takeUntil((result) -> result != ClaimResult.UNKNOWN)
			.then();
	}

	private static Mono<ServerResponse> problem(ServerRequest request, HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setInstance(URI.create(request.requestPath().value()));
		ServerResponse.BodyBuilder response = ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (status == HttpStatus.METHOD_NOT_ALLOWED) {
			response.header(HttpHeaders.ALLOW, HttpMethod.POST.name());
		}
		return response.bodyValue(problem);
	}

}
