package com.altscodex.spring.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
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
import org.springframework.web.server.WebExceptionHandler;

import com.altscodex.spring.client.AltsCodexException;

/**
 * Answers every {@link AltsCodexException} that reaches the web layer, from an
 * annotated controller or a router function, with {@code application/problem+json},
 * and with {@code Retry-After} where its {@link com.altscodex.spring.client.FailureKind}
 * has one. Other exceptions pass on to the next handler. Ordered before Spring Boot's
 * error handler.
 */
public class AltsCodexWebExceptionHandler implements WebExceptionHandler, Ordered {

	/** Before Spring Boot's {@code ErrorWebExceptionHandler} at -1. */
	public static final int ORDER = -2;

	private static final ResolvableType PROBLEM_DETAIL = ResolvableType.forClass(ProblemDetail.class);

	private final AltsCodexProblemDetails problemDetails;

	private final HttpMessageWriter<ProblemDetail> writer;

	/**
	 * Creates a handler that writes problems with the first of the given writers that
	 * can write a {@link ProblemDetail} as {@code application/problem+json}.
	 * @param problemDetails the failures' problem details
	 * @param messageWriters the application's message writers (its codecs)
	 * @throws IllegalArgumentException if none of them can
	 */
	public AltsCodexWebExceptionHandler(AltsCodexProblemDetails problemDetails,
			List<HttpMessageWriter<?>> messageWriters) {
		Assert.notNull(problemDetails, "problemDetails cannot be null");
		Assert.notNull(messageWriters, "messageWriters cannot be null");
		this.problemDetails = problemDetails;
		this.writer = problemWriter(messageWriters);
	}

	/*
	 * Chosen once rather than through a ServerResponse per failure, which looks the
	 * writer up and copies headers and hints each time: under a flood of refusals beyond
	 * the pending-login bound this handler answers thousands of times a second.
	 */
	@SuppressWarnings("unchecked")
	private static HttpMessageWriter<ProblemDetail> problemWriter(List<HttpMessageWriter<?>> messageWriters) {
		for (HttpMessageWriter<?> writer : messageWriters) {
			if (writer.canWrite(PROBLEM_DETAIL, MediaType.APPLICATION_PROBLEM_JSON)) {
				return (HttpMessageWriter<ProblemDetail>) writer;
			}
		}
		throw new IllegalArgumentException(
				"No message writer can write a ProblemDetail as application/problem+json: add a JSON codec "
						+ "(Jackson) to the application's codecs");
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (!(ex instanceof AltsCodexException failure) || exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		ProblemDetail problem = this.problemDetails.problemFor(failure);
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		Duration retryAfter = failure.getKind().retryAfter();
		if (retryAfter != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
		}
		Map<String, Object> hints = Hints.from(Hints.LOG_PREFIX_HINT, exchange.getLogPrefix());
		return this.writer.write(Mono.just(problem), ResolvableType.forInstance(problem),
				MediaType.APPLICATION_PROBLEM_JSON, response, hints);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
