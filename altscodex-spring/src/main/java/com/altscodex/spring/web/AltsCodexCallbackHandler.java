package com.altscodex.spring.web;

import java.net.URI;
import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
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
import com.altscodex.spring.client.AltsCodexObservationDocumentation;
import com.altscodex.spring.client.AuthorizationCallback;
import com.altscodex.spring.client.CallbackObservationContext;
import com.altscodex.spring.client.CallbackObservationConvention;
import com.altscodex.spring.client.DefaultCallbackObservationConvention;
import com.altscodex.spring.client.pending.ClaimResult;

/**
 * The DeOAuth callback endpoint ({@code POST {redirect-uri}?state=..&code=..&success=..}).
 * <p>
 * It answers {@code 200 {"received": true}} at once, whatever the state, and hands the
 * callback to the clients registered on its path; the code exchange runs after the
 * answer. Methods other than POST get 405, malformed or oversized query strings 400 or
 * 414, always as {@code application/problem+json}.
 * <p>
 * Given an {@link ObservationRegistry}, it observes each callback it routes, once
 * however many clients share the path ({@code altscodex.callback}), as the parent of
 * the code exchange the callback starts.
 */
public final class AltsCodexCallbackHandler implements HandlerFunction<ServerResponse> {

	/** Longest raw query string accepted. */
	public static final int MAX_QUERY_LENGTH = 2048;

	private static final Log logger = LogFactory.getLog(AltsCodexCallbackHandler.class);

	private static final String RECEIVED = "{\"received\":true}";

	private static final CallbackObservationConvention DEFAULT_CONVENTION = new DefaultCallbackObservationConvention();

	private final List<AltsCodexClient> clients;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable CallbackObservationConvention observationConvention;

	/**
	 * Creates a handler for the clients that share one callback path.
	 * @param clients the clients, tried in order until one knows the state
	 */
	public AltsCodexCallbackHandler(List<AltsCodexClient> clients) {
		Assert.notEmpty(clients, "clients must not be empty");
		this.clients = List.copyOf(clients);
	}

	/**
	 * Sets the registry that observes callbacks. Defaults to
	 * {@link ObservationRegistry#NOOP}: nothing is observed, at no cost.
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "observationRegistry cannot be null");
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Sets the convention that names and tags the {@code altscodex.callback}
	 * observation. Defaults to a global convention of the registry that supports it,
	 * else {@link DefaultCallbackObservationConvention}.
	 * @param observationConvention the convention
	 */
	public void setObservationConvention(CallbackObservationConvention observationConvention) {
		Assert.notNull(observationConvention, "observationConvention cannot be null");
		this.observationConvention = observationConvention;
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
		Mono<Void> routed = this.observationRegistry.isNoop() ? route(callback, null) : observeRoute(callback);
		return routed.onErrorResume((ex) -> {
			logger.warn("Could not route a DeOAuth callback: " + ex.getClass().getName());
			return Mono.empty();
		}).then(ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(RECEIVED));
	}

	/*
	 * The observation goes into the context of the routing, where the claim hands it
	 * on to the code exchange.
	 */
	private Mono<Void> observeRoute(AuthorizationCallback callback) {
		return Mono.deferContextual((contextView) -> {
			CallbackObservationContext context = new CallbackObservationContext();
			Observation observation = AltsCodexObservationDocumentation.CALLBACK
				.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry)
				.parentObservation(contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			return route(callback, context).doOnError(observation::error).doFinally((signal) -> {
				// an error or a cancellation leaves where the callback belonged unknown
				if (context.getClaimResult() == null) {
					context.setRouted(null, ClaimResult.UNKNOWN);
				}
				observation.stop();
			}).contextWrite((reactorContext) -> reactorContext.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private Mono<Void> route(AuthorizationCallback callback, @Nullable CallbackObservationContext context) {
		if (this.clients.size() == 1) {
			AltsCodexClient client = this.clients.get(0);
			Mono<ClaimResult> result = client.handleCallback(callback);
			return ((context != null) ? result.doOnNext((claim) -> routed(context, client, claim)) : result).then();
		}
		return Flux.fromIterable(this.clients)
			.concatMap((client) -> (context != null)
					? client.handleCallback(callback).doOnNext((claim) -> routed(context, client, claim))
					: client.handleCallback(callback))
			.takeUntil((result) -> result != ClaimResult.UNKNOWN)
			.then();
	}

	private static void routed(CallbackObservationContext context, AltsCodexClient client, ClaimResult result) {
		context.setRouted((result != ClaimResult.UNKNOWN) ? client.getRegistration() : null, result);
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
