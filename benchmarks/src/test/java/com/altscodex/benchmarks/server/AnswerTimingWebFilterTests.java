package com.altscodex.benchmarks.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerTimingWebFilterTests {

	private final AnswerTimingWebFilter filter = new AnswerTimingWebFilter(503);

	@Test
	void filterWhenTheAnswerHasTheStatusThenTimedFromEntryToCommit() {
		answer(HttpStatus.SERVICE_UNAVAILABLE, Duration.ofMillis(50));
		Histogram times = this.filter.snapshot();
		assertThat(times.getTotalCount()).isEqualTo(1);
		assertThat(times.getMaxValue()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
	}

	@Test
	void filterWhenTheAnswerHasAnotherStatusThenNotTimed() {
		answer(HttpStatus.OK, Duration.ZERO);
		answer(HttpStatus.BAD_GATEWAY, Duration.ZERO);
		answer(HttpStatus.SERVICE_UNAVAILABLE, Duration.ZERO);
		assertThat(this.filter.snapshot().getTotalCount()).isEqualTo(1);
	}

	@Test
	void resetForgetsTheTimesSoFar() {
		answer(HttpStatus.SERVICE_UNAVAILABLE, Duration.ZERO);
		this.filter.reset();
		assertThat(this.filter.snapshot().getTotalCount()).isZero();
		answer(HttpStatus.SERVICE_UNAVAILABLE, Duration.ZERO);
		assertThat(this.filter.snapshot().getTotalCount()).isEqualTo(1);
	}

	@Test
	void filterRunsBeforeEveryOtherFilter() {
		assertThat(this.filter.getOrder()).isEqualTo(Integer.MIN_VALUE);
	}

	private void answer(HttpStatus status, Duration handling) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/login"));
		WebFilterChain chain = (filtered) -> Mono.delay(handling).then(Mono.defer(() -> {
			filtered.getResponse().setStatusCode(status);
			return filtered.getResponse().setComplete();
		}));
		this.filter.filter(exchange, chain).block(Duration.ofSeconds(5));
		assertThat(exchange.getResponse().isCommitted()).isTrue();
	}

}
