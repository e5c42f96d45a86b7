package com.altscodex.benchmarks.suite;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import com.altscodex.benchmarks.server.AnswerTimingWebFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AnswerTimesTests {

	@Test
	void parseWhenTheAppEncodedItsTimesThenTheirPercentilesInMilliseconds() {
		Histogram times = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);
		for (int i = 0; i < 98; i++) {
			times.recordValue(TimeUnit.MICROSECONDS.toNanos(1500));
		}
		times.recordValue(TimeUnit.MILLISECONDS.toNanos(20));
		times.recordValue(TimeUnit.MILLISECONDS.toNanos(250));
		AnswerTimes parsed = AnswerTimes
			.parse("{\"status\":503,\"histogram\":\"" + AnswerTimingWebFilter.encode(times) + "\"}");
		assertThat(parsed.status()).isEqualTo(503);
		assertThat(parsed.latency().count()).isEqualTo(100);
		assertThat(parsed.latency().p50()).isBetween(1.49, 1.51);
		assertThat(parsed.latency().p99()).isBetween(19.9, 20.1);
		assertThat(parsed.latency().max()).isBetween(249.0, 251.0);
	}

	@Test
	void parseWhenNothingWasTimedThenACountOfZero() {
		AnswerTimes parsed = AnswerTimes.parse("{\"status\":503,\"histogram\":\""
				+ AnswerTimingWebFilter.encode(new Histogram(TimeUnit.MINUTES.toNanos(10), 3)) + "\"}");
		assertThat(parsed.latency().count()).isZero();
		assertThat(parsed.latency().p99()).isZero();
	}

	@Test
	void parseWhenNotAnAnswerOfTheAppThenRefuses() {
		assertThatIllegalStateException().isThrownBy(() -> AnswerTimes.parse("{\"pending\":0}"));
		assertThatIllegalStateException().isThrownBy(() -> AnswerTimes.parse("{\"status\":503,\"histogram\":\"bm90\"}"));
	}

}
