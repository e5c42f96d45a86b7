package com.altscodex.spring.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Hints;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes JSON answers straight to an exchange's response, outside any handler: the
 * {@code application/problem+json} of a failure and the {@code application/json} of a
 * web filter's own answer (sign-in, the current user).
 * <p>
 * The writers are chosen once, from the application's codecs, rather than looked up per
 * answer as a {@code ServerResponse} does: refusals under a flood are answered thousands
 * of times a second.
 */
public final class ServerJsonWriter {

	private static final ResolvableType PROBLEM_DETAIL = ResolvableType.forClass(ProblemDetail.class);

	private static final ResolvableType OBJECT = ResolvableType.forClass(Object.class);

	private final HttpMessageWriter<ProblemDetail> problemWriter;

	private final HttpMessageWriter<Object> jsonWriter;

	/**
	 * Creates a writer that writes with the first of the given message writers able to
	 * write a {@link ProblemDetail} as {@code application/problem+json}, and any object as
	 * {@code application/json}.
	 * @param messageWriters the application's message writers (its codecs)
	 * @throws IllegalArgumentException if none of them can
	 */
	public ServerJsonWriter(List<HttpMessageWriter<?>> messageWriters) {
		Assert.notNull(messageWriters, "messageWriters cannot be null");
		this.problemWriter = find(messageWriters, PROBLEM_DETAIL, MediaType.APPLICATION_PROBLEM_JSON);
		this.jsonWriter = find(messageWriters, OBJECT, MediaType.APPLICATION_JSON);
	}

	@SuppressWarnings("unchecked")
	private static <T> HttpMessageWriter<T> find(List<HttpMessageWriter<?>> messageWriters, ResolvableType type,
			MediaType mediaType) {
		for (HttpMessageWriter<?> writer : messageWriters) {
			if (writer.canWrite(type, mediaType)) {
				return (HttpMessageWriter<T>) writer;
			}
		}
		throw new IllegalArgumentException("No message writer can write " + type + " as " + mediaType
				+ ": add a JSON codec (Jackson) to the application's codecs");
	}

	/**
	 * Answers with a problem: its status, {@code application/problem+json}, the request's
	 * path as its {@code instance}, and {@code Retry-After} when given.
	 * @param exchange the exchange
	 * @param problem the problem
	 * @param retryAfter how long to ask the caller to wait, or {@code null}
	 * @return completes when the answer is written
	 */
	public Mono<Void> writeProblem(ServerWebExchange exchange, ProblemDetail problem, @Nullable Duration retryAfter) {
		ServerHttpResponse response = exchange.getResponse();
		if (problem.getInstance() == null) {
			problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		}
		response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (retryAfter != null) {
			// whole seconds, rounded up, and at least one: "0" would invite an immediate retry
			long seconds = retryAfter.toSeconds() + ((retryAfter.toNanosPart() > 0) ? 1 : 0);
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, seconds)));
		}
		return this.problemWriter.write(Mono.just(problem), PROBLEM_DETAIL, MediaType.APPLICATION_PROBLEM_JSON,
				response, hints(exchange));
	}

	/**
	 * Answers with a value as {@code application/json}.
	 * @param exchange the exchange
	 * @param status the status
	 * @param body the value
	 * @return completes when the answer is written
	 */
	public Mono<Void> writeJson(ServerWebExchange exchange, HttpStatusCode status, Object body) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		return this.jsonWriter.write(Mono.just(body), ResolvableType.forInstance(body), MediaType.APPLICATION_JSON,
				response, hints(exchange));
	}

	private static Map<String, Object> hints(ServerWebExchange exchange) {
		return Hints.from(Hints.LOG_PREFIX_HINT, exchange.getLogPrefix());
	}

}
