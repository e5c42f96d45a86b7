package com.altscodex.spring.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
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

	private final ServerResponse.Context context;

	public AltsCodexWebExceptionHandler(AltsCodexProblemDetails problemDetails,
			List<HttpMessageWriter<?>> messageWriters) {
		Assert.notNull(problemDetails, "problemDetails cannot be null");
		Assert.notNull(messageWriters, "messageWriters cannot be null");
		this.problemDetails = problemDetails;
		this.context = new ServerResponse.Context() {

			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return messageWriters;
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}

		};
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (!(ex instanceof AltsCodexException failure) || exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		ProblemDetail problem = this.problemDetails.problemFor(failure);
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		ServerResponse.BodyBuilder response = ServerResponse.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		Duration retryAfter = failure.getKind().retryAfter();
		if (retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
		}
		return response.bodyValue(problem).flatMap((answer) -> answer.writeTo(exchange, this.context));
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
