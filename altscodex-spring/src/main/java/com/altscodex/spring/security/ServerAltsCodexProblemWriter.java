package com.altscodex.spring.security;

import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

import com.altscodex.spring.client.FailureKind;
import com.altscodex.spring.web.AltsCodexProblemDetails;
import com.altscodex.spring.web.ServerJsonWriter;

/**
 * Answers the security failures of a sign-in, the entry point's and the access denied
 * handler's with {@code application/problem+json}, from the {@link FailureKind} table;
 * and the filters' own JSON answers. Shared by the handlers of one configuration.
 */
public final class ServerAltsCodexProblemWriter {

	private final AltsCodexProblemDetails problemDetails;

	private final ServerJsonWriter writer;

	/**
	 * Creates a writer.
	 * @param problemDetails maps failure kinds to problems
	 * @param writer writes JSON to the response
	 */
	public ServerAltsCodexProblemWriter(AltsCodexProblemDetails problemDetails, ServerJsonWriter writer) {
		Assert.notNull(problemDetails, "problemDetails cannot be null");
		Assert.notNull(writer, "writer cannot be null");
		this.problemDetails = problemDetails;
		this.writer = writer;
	}

	/**
	 * The problem details this writer words its problems with.
	 */
	public AltsCodexProblemDetails getProblemDetails() {
		return this.problemDetails;
	}

	/**
	 * The writer of the JSON answers.
	 */
	public ServerJsonWriter getJsonWriter() {
		return this.writer;
	}

	/**
	 * Answers a sign-in failure.
	 * @param exchange the exchange
	 * @param failure the failure
	 * @return completes when written
	 */
	public Mono<Void> write(ServerWebExchange exchange, AltsCodexAuthenticationException failure) {
		ProblemDetail problem = this.problemDetails.problemFor(failure.getKind());
		problem.setDetail(failure.getDetail());
		if (failure.getErrorCode() != null) {
			problem.setProperty("code", failure.getErrorCode());
		}
		return write(exchange, problem, failure.getKind(), failure.getRetryAfter());
	}

	/**
	 * Answers a failure of a kind with the kind's words.
	 * @param exchange the exchange
	 * @param kind the kind
	 * @return completes when written
	 */
	public Mono<Void> write(ServerWebExchange exchange, FailureKind kind) {
		return write(exchange, this.problemDetails.problemFor(kind), kind, kind.retryAfter());
	}

	private Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem, FailureKind kind,
			@Nullable Duration retryAfter) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.empty();
		}
		if (kind == FailureKind.LOGIN_METHOD_NOT_ALLOWED) {
			exchange.getResponse().getHeaders().setAllow(Set.of(HttpMethod.POST));
		}
		return this.writer.writeProblem(exchange, problem, retryAfter);
	}

	/**
	 * Answers a value as JSON.
	 * @param exchange the exchange
	 * @param body the value
	 * @return completes when written
	 */
	public Mono<Void> writeJson(ServerWebExchange exchange, Object body) {
		return this.writer.writeJson(exchange, HttpStatus.OK, body);
	}

}
