package com.altscodex.benchmarks.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * What both apps under load add to their own routes: the bench control endpoints, a
 * raised HTTP/2 stream limit and, where asked for, the timing of one status's answers.
 * <ul>
 * <li>{@code GET /bench/state}: {@code {"pending": n, "refused": n, "heapUsed": bytes,
 * "allocatedBytes": bytes}}, {@code refused} counting the logins refused since the start
 * because too many were pending, the last being what the JVM's live threads have
 * allocated so far (the event loops live as long as the app)</li>
 * <li>{@code POST /bench/gc}: runs {@code System.gc()} a few times off the event loops
 * and answers the smallest used heap seen after a collection</li>
 * <li>with {@code bench.answer-timing.status} set (e.g. {@code 503}), an
 * {@link AnswerTimingWebFilter} times the answers with that status inside the app, and
 * {@code GET /bench/answer-times} answers {@code {"status": n, "histogram": "..."}}
 * (nanoseconds from the filter's entry to the commit of each answer, HdrHistogram's
 * compressed encoding in Base64) since the start or the last
 * {@code POST /bench/answer-times/reset}; without the property neither the filter nor
 * these routes exist, so that the other stages measure the app as it is</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class BenchServerConfiguration {

	/** The paths of the control endpoints. */
	static final Set<String> CONTROL_PATHS = Set.of("/bench/state", "/bench/gc", "/bench/answer-times",
			"/bench/answer-times/reset");

	private static final int GC_ROUNDS = 3;

	/*
	 * With server.http2.enabled (h2c), ~100 connections carry 100,000 pending logins.
	 * Not a NettyServerCustomizer bean: HttpServer.http2Settings(..) replaces the whole
	 * settings spec, and Boot adds its own customizer (the header-list size) after the
	 * beans, which would reset the stream limit to Reactor Netty's default of 100.
	 */
	@Bean
	Http2StreamLimit benchHttp2StreamLimit(@Value("${bench.http2.max-concurrent-streams:1000}") long maxConcurrentStreams,
			@Value("${server.max-http-request-header-size:8KB}") DataSize maxHeaderSize) {
		return new Http2StreamLimit(maxConcurrentStreams, maxHeaderSize.toBytes());
	}

	@Bean
	@ConditionalOnProperty("bench.answer-timing.status")
	AnswerTimingWebFilter benchAnswerTimingWebFilter(@Value("${bench.answer-timing.status}") int status) {
		return new AnswerTimingWebFilter(status);
	}

	@Bean
	RouterFunction<ServerResponse> benchControlRoutes(PendingLoginCount pending,
			ObjectProvider<AnswerTimingWebFilter> answerTiming) {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		RouterFunctions.Builder routes = RouterFunctions.route()
			.GET("/bench/state", (request) -> ServerResponse.ok().bodyValue(state(pending, memory.getHeapMemoryUsage().getUsed())))
			.POST("/bench/gc", (request) -> Mono.fromCallable(() -> collect(memory))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap((used) -> ServerResponse.ok().bodyValue(state(pending, used))));
		AnswerTimingWebFilter timing = answerTiming.getIfAvailable();
		if (timing != null) {
			routes.GET("/bench/answer-times", (request) -> ServerResponse.ok().bodyValue(answerTimes(timing)))
				.POST("/bench/answer-times/reset", (request) -> {
					timing.reset();
					return ServerResponse.ok().bodyValue(answerTimes(timing));
				});
		}
		return routes.build();
	}

	private static Map<String, Object> answerTimes(AnswerTimingWebFilter timing) {
		Map<String, Object> times = new LinkedHashMap<>();
		times.put("status", timing.status());
		times.put("histogram", AnswerTimingWebFilter.encode(timing.snapshot()));
		return times;
	}

	private static Map<String, Object> state(PendingLoginCount pending, long heapUsed) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("pending", pending.get());
		state.put("refused", pending.refused());
		state.put("heapUsed", heapUsed);
		state.put("allocatedBytes", allocatedBytes());
		return state;
	}

	private static long allocatedBytes() {
		if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)) {
			return -1;
		}
		long total = 0;
		for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
			total += Math.max(0, allocated);
		}
		return total;
	}

	private static long collect(MemoryMXBean memory) throws InterruptedException {
		long least = Long.MAX_VALUE;
		for (int i = 0; i < GC_ROUNDS; i++) {
			System.gc();
			Thread.sleep(Duration.ofMillis(150).toMillis());
			least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
		}
		return least;
	}

	/**
	 * Adds a server customizer after Boot's (lowest precedence), that raises the HTTP/2
	 * concurrent streams and keeps Boot's header-list size.
	 */
	static final class Http2StreamLimit implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

		private final long maxConcurrentStreams;

		private final long maxHeaderListSize;

		Http2StreamLimit(long maxConcurrentStreams, long maxHeaderListSize) {
			this.maxConcurrentStreams = maxConcurrentStreams;
			this.maxHeaderListSize = maxHeaderListSize;
		}

		@Override
		public void customize(NettyReactiveWebServerFactory factory) {
			factory.addServerCustomizers((server) -> server.http2Settings((settings) -> settings
				.maxConcurrentStreams(this.maxConcurrentStreams)
				.maxHeaderListSize(this.maxHeaderListSize)));
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
