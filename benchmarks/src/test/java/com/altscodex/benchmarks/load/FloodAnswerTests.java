package com.altscodex.benchmarks.load;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FloodAnswerTests {

	private static final String BUSY = "{\"type\":\"https://altscodex.com/problems/sign-in-busy\",\"title\":\"Sign-in busy\","
			+ "\"status\":503}";

	@Test
	void kindWhenProblemDetailsThenStatusAndLastSegmentOfTheType() {
		FloodAnswer answer = FloodAnswer.of(503, "1", "application/problem+json", BUSY, "user-00001");
		assertThat(answer.kind()).isEqualTo("503 sign-in-busy");
		assertThat(answer.problemType()).isEqualTo("https://altscodex.com/problems/sign-in-busy");
	}

	@Test
	void kindWhenNotProblemDetailsThenNoProblemType() {
		FloodAnswer answer = FloodAnswer.of(503, null, "application/json", BUSY, "user-00001");
		assertThat(answer.kind()).isEqualTo("503 (no problem type)");
		assertThat(FloodAnswer.of(502, null, "application/problem+json", "not json", "u").kind())
			.isEqualTo("502 (no problem type)");
	}

	@Test
	void kindWhenOkWrongUserTransportOrLost() {
		assertThat(FloodAnswer.of(200, null, "application/json", "{\"id\":\"u\"}", "u").kind()).isEqualTo("ok");
		assertThat(FloodAnswer.of(200, null, "application/json", "{\"id\":\"v\"}", "u").kind()).isEqualTo("wrong user");
		assertThat(FloodAnswer.transport(new IllegalStateException()).kind())
			.isEqualTo("transport java.lang.IllegalStateException");
		assertThat(FloodAnswer.lost().kind()).isEqualTo("lost");
	}

	@Test
	void tallyWhenAnswersOfSeveralKindsThenCountsLatencyAndHeadersByKind() {
		FloodTally tally = new FloodTally();
		for (int i = 0; i < 3; i++) {
			tally.add(FloodAnswer.of(503, "1", "application/problem+json", BUSY, "u"), 5_000_000, 2_000_000);
		}
		tally.add(FloodAnswer.of(503, null, "application/problem+json", BUSY, "u"), 7_000_000, 3_000_000);
		tally.add(FloodAnswer.of(200, null, "application/json", "{\"id\":\"u\"}", "u"), 30_000_000_000L,
				29_000_000_000L);
		List<Results.AnswerKind> kinds = tally.kinds();
		assertThat(kinds).extracting(Results.AnswerKind::kind).containsExactly("503 sign-in-busy", "ok");
		Results.AnswerKind busy = kinds.get(0);
		assertThat(busy.count()).isEqualTo(4);
		assertThat(busy.status()).isEqualTo(503);
		assertThat(busy.retryAfter()).containsEntry("1", 3L).containsEntry(FloodTally.NONE, 1L);
		assertThat(busy.contentType()).containsEntry("application/problem+json", 4L);
		assertThat(busy.latency().max()).isBetween(6.9, 7.1);
		assertThat(busy.latencyFromWritten().count()).isEqualTo(4);
		assertThat(busy.latencyFromWritten().max()).isBetween(2.9, 3.1);
		Results.Flood flood = new Results.Flood("http://127.0.0.1:1", 5, null, null, null, null, 30.0, kinds);
		assertThat(flood.answer("ok").latency().p50()).isBetween(29_900.0, 30_100.0);
		assertThat(flood.answer("lost")).isNull();
		assertThat(flood.unanswered()).isZero();
	}

	@Test
	void unansweredCountsLostAndTransportErrors() {
		FloodTally tally = new FloodTally();
		tally.add(FloodAnswer.lost(), 1, 1);
		tally.add(FloodAnswer.transport(new IllegalStateException()), 1, -1);
		tally.add(FloodAnswer.of(408, null, "application/problem+json", "{\"type\":\"x/callback-timeout\"}", "u"), 1,
				1);
		assertThat(new Results.Flood("t", 3, null, null, null, null, 1, tally.kinds()).unanswered()).isEqualTo(2);
	}

	@Test
	void tallyWhenSomeRequestsWereNeverWrittenThenOnlyTheWrittenOnesHaveALatencyFromWritten() {
		FloodTally tally = new FloodTally();
		tally.add(FloodAnswer.transport(new IllegalStateException()), 4_000_000, -1);
		tally.add(FloodAnswer.transport(new IllegalStateException()), 6_000_000, 1_000_000);
		Results.AnswerKind transport = tally.kinds().get(0);
		assertThat(transport.count()).isEqualTo(2);
		assertThat(transport.latency().count()).isEqualTo(2);
		assertThat(transport.latencyFromWritten().count()).isEqualTo(1);
		assertThat(transport.latencyFromWritten().max()).isBetween(0.99, 1.01);
	}

}
