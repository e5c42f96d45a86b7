package com.altscodex.spring.web;

import java.net.URI;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
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

import com.altscodex.spring.client.AltsCodexObservationDocumentation;
import com.altscodex.spring.client.CallbackObservationContext;
import com.altscodex.spring.client.CallbackObservationConvention;
import com.altscodex.spring.client.DefaultCallbackObservationConvention;
import com.altscodex.spring.client.pending.AuthorizationCallback;
import com.altscodex.spring.client.pending.CallbackDelivery;
import com.altscodex.spring.client.pending.ClaimResult;
import com.altscodex.spring.client.pending.PendingLoginRegistry;
import com.altscodex.spring.client.pending.PendingLoginStoreException;

/**
 * The DeOAuth callback endpoint ({@code POST {redirect-uri}?state=..&code=..&success=..}).
 * <p>
 * It answers {@code 200 {"received": true}} at once, whatever the state, and hands the
 * callback to the application's {@link PendingLoginRegistry}, which delivers it to the
 * login that owns its state; that login exchanges the code, after this answer. Methods
 * other than POST get 405, malformed or oversized query strings 400 or 414, always as
 * {@code application/problem+json}.
 * <p>
 * Given an {@link ObservationRegistry}, it observes each callback
 * ({@code altscodex.callback}) until it is delivered.
 */
public final class AltsCodexCallbackHandler implements HandlerFunction<ServerResponse> {

	/** Longest raw query string accepted. */
	public static final int MAX_QUERY_LENGTH = 2048;

	private static final Log logger = LogFactory.getLog(AltsCodexCallbackHandler.class);

	private static final String RECEIVED = "{\"received\":true}";

	private static final CallbackObservationConvention DEFAULT_CONVENTION = new DefaultCallbackObservationConvention();

	private final PendingLoginRegistry pendingLogins;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable CallbackObservationConvention observationConvention;

	/**
	 * Creates a handler that delivers callbacks to a registry.
	 * @param pendingLogins the registry the application's clients register their logins
	 * with
	 */
	public AltsCodexCallbackHandler(PendingLoginRegistry pendingLogins) {
		Assert.notNull(pendingLogins, "pendingLogins cannot be null");
		this.pendingLogins = pendingLogins;
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
		catch (IllegalArgumentException ex) {
			return problem(request, HttpStatus.BAD_REQUEST, "The callback query string is malformed.");
		}
		Mono<CallbackDelivery> delivered = this.pendingLogins.deliver(callback);
		if (!this.observationRegistry.isNoop()) {
			delivered = observe(delivered);
		}
		// a failure to deliver (a remote store gone) is the app's, not DeOAuth's: the
		// login it belonged to times out, and DeOAuth still hears that the callback came
		return delivered.onErrorResume(RuntimeException.class, (ex) -> {
			// its message names what failed, never the state or the code
			logger.warn("Could not deliver a DeOAuth callback: " + ex.getClass().getName()
					+ ((ex instanceof PendingLoginStoreException) ? " (" + ex.getMessage() + ")" : ""));
			return Mono.empty();
		}).then(ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(RECEIVED));
	}

	private Mono<CallbackDelivery> observe(Mono<CallbackDelivery> delivery) {
		return Mono.deferContextual((contextView) -> {
			CallbackObservationContext context = new CallbackObservationContext();
			Observation observation = AltsCodexObservationDocumentation.CALLBACK
				.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry)
				.parentObservation(contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			return delivery.doOnNext((delivered) -> context.setRouted(delivered.clientName(), delivered.result()))
				.doOnError(observation::error)
				.doFinally((signal) -> {
					// an error or a cancellation leaves where the callback belonged unknown
					if (context.getClaimResult() == null) {
						context.setRouted(null, ClaimResult.UNKNOWN);
					}
					observation.stop();
				})
				.contextWrite((reactorContext) -> reactorContext.put(ObservationThreadLocalAccessor.KEY, observation));
		});
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
