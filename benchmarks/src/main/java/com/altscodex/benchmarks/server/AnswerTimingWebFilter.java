package com.altscodex.benchmarks.server;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Times every request from this filter's entry to the moment its response is committed,
 * and keeps the times of the answers with one status in an HdrHistogram (nanoseconds):
 * what the app itself spends on such an answer, without the time the request waited
 * before reaching the filters (the kernel's accept queue, the event loops) and the time
 * the answer takes to reach the client. First in the chain, so every other filter, the
 * handler and an exception handler that writes the answer are inside the time.
 */
public final class AnswerTimingWebFilter implements WebFilter, Ordered {

	private static final long HIGHEST_TRACKABLE = TimeUnit.MINUTES.toNanos(10);

	private final int status;

	private final AtomicReference<Histogram> times = new AtomicReference<>(newHistogram());

	/**
	 * Times the answers with {@code status}.
	 * @param status the HTTP status of the answers to time, e.g. {@code 503}
	 */
	public AnswerTimingWebFilter(int status) {
		this.status = status;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long entered = System.nanoTime();
		ServerHttpResponse response = exchange.getResponse();
		// the supplier is called as the commit begins, with the status final
		response.beforeCommit(() -> {
			record(response.getStatusCode(), System.nanoTime() - entered);
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	void record(@Nullable HttpStatusCode statusCode, long nanos) {
		if (statusCode != null && statusCode.value() == this.status) {
			this.times.get().recordValue(Math.min(HIGHEST_TRACKABLE, Math.max(1, nanos)));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/**
	 * The status whose answers are timed.
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Forgets every time recorded so far.
	 */
	public void reset() {
		this.times.set(newHistogram());
	}

	/**
	 * A copy of the times recorded since the start or the last {@link #reset()}.
	 */
	public Histogram snapshot() {
		return this.times.get().copy();
	}

	/**
	 * A histogram in HdrHistogram's compressed encoding, as Base64 text.
	 */
	public static String encode(Histogram histogram) {
		ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
		int length = histogram.encodeIntoCompressedByteBuffer(buffer);
		return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
	}

	private static Histogram newHistogram() {
		return new ConcurrentHistogram(HIGHEST_TRACKABLE, 3);
	}

}
