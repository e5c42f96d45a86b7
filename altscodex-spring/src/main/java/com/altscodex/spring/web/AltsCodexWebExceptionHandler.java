package com.altscodex.spring.web;

import java.net.URI;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
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

	private final AltsCodexProblemDetails problemDetails;

	private final ServerJsonWriter writer;

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
		this.writer = new ServerJsonWriter(messageWriters);
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (!(ex instanceof AltsCodexException failure) || exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		ProblemDetail problem = this.problemDetails.problemFor(failure);
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		return this.writer.writeProblem(exchange, problem, failure.getKind().retryAfter());
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
