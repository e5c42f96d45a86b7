package com.altscodex.benchmarks.jmh;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import com.altscodex.spring.client.AltsCodexException;
import com.altscodex.spring.client.AltsCodexHttpException;
import com.altscodex.spring.client.AuthorizeFailedException;
import com.altscodex.spring.client.CallbackTimeoutException;
import com.altscodex.spring.client.DeOAuthOperation;
import com.altscodex.spring.web.AltsCodexProblemDetails;

/**
 * Mapping a client failure to its status and its problem detail, for the failures an app
 * answers most: an expired JWT (401), a callback timeout (408) and DeOAuth down (502).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProblemDetailsBenchmark {

	@Param({ "expired-token", "callback-timeout", "upstream-503" })
	public String failure = "expired-token";

	private final AltsCodexProblemDetails problemDetails = new AltsCodexProblemDetails();

	private AltsCodexException exception = new AltsCodexException("not set up");

	@Setup
	public void createFailure() {
		this.exception = switch (this.failure) {
			case "expired-token" -> new AuthorizeFailedException("EXPIRED_TOKEN", "Token expired");
			case "callback-timeout" -> new CallbackTimeoutException(Duration.ofSeconds(15));
			case "upstream-503" -> new AltsCodexHttpException(DeOAuthOperation.AUTHORIZE, 503,
					Map.of("error", "unavailable"));
			default -> throw new IllegalArgumentException(this.failure);
		};
	}

	@Benchmark
	public HttpStatus statusFor() {
		return this.problemDetails.statusFor(this.exception);
	}

	@Benchmark
	public ProblemDetail problemFor() {
		return this.problemDetails.problemFor(this.exception);
	}

}
