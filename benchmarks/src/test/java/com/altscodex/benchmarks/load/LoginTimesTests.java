package com.altscodex.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.util.function.Tuple2;

import static org.assertj.core.api.Assertions.assertThat;

class LoginTimesTests {

	private static final long HELD = TimeUnit.MILLISECONDS.toNanos(300);

	@Test
	void timesWhenWrittenAndAnsweredThenTheFirstStampOfEachCounts() {
		LoginTimes times = new LoginTimes(1_000);
		assertThat(times.fromWritten(5_000)).isEqualTo(-1);
		assertThat(times.answeredOr(7_000)).isEqualTo(7_000);
		times.written(2_000);
		times.written(3_000);
		times.answered(4_500);
		times.answered(6_000);
		long end = times.answeredOr(7_000);
		assertThat(end).isEqualTo(4_500);
		assertThat(times.fromSent(end)).isEqualTo(3_500);
		assertThat(times.fromWritten(end)).isEqualTo(2_500);
	}

	@Test
	void floodLoginWhenLoginsShareTheClientThenEachIsStampedWhenItsOwnRequestIsWritten() {
		// the server holds one login's answer: only that login's time from written includes the hold
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/login", (request, response) -> request.receive()
				.aggregate()
				.asString(StandardCharsets.US_ASCII)
				.flatMap((jwt) -> Mono.delay(Duration.ofNanos(jwt.equals("held") ? HELD : 0)).thenReturn(jwt))
				.flatMap((jwt) -> response.status(503).header("Retry-After", "1").sendString(Mono.just("{}")).then())))
			.bindNow();
		try {
			HttpClient client = LoginTimes
				.recordWritten(Logins.configure(HttpClient.newConnection(), "http://127.0.0.1:" + server.port()));
			LoginTimes held = LoginTimes.sentNow();
			LoginTimes prompt = LoginTimes.sentNow();
			Tuple2<FloodAnswer, FloodAnswer> answers = Mono
				.zip(Logins.floodLogin(client, entry("held"), held), Logins.floodLogin(client, entry("prompt"), prompt))
				.block(Duration.ofSeconds(10));
			assertThat(answers.getT1().kind()).isEqualTo("503 (no problem type)");
			long heldEnd = held.answeredOr(0);
			long promptEnd = prompt.answeredOr(0);
			// the client stamps "written" once the write completed, which can be a fraction of a
			// millisecond after the server started holding: CI measured 299.8 ms for a 300 ms hold
			assertThat(held.fromWritten(heldEnd)).isGreaterThanOrEqualTo(HELD * 9 / 10)
				.isLessThanOrEqualTo(held.fromSent(heldEnd));
			assertThat(prompt.fromWritten(promptEnd)).isPositive().isLessThan(HELD);
		}
		finally {
			server.disposeNow();
		}
	}

	@Test
	void floodLoginWhenTheConnectionCannotBeOpenedThenNeverWritten() {
		DisposableServer closed = HttpServer.create().host("127.0.0.1").port(0).bindNow();
		int port = closed.port();
		closed.disposeNow();
		HttpClient client = LoginTimes.recordWritten(Logins.configure(HttpClient.newConnection(), "http://127.0.0.1:" + port));
		LoginTimes times = LoginTimes.sentNow();
		FloodAnswer answer = Logins.floodLogin(client, entry("refused"), times).block(Duration.ofSeconds(10));
		assertThat(answer.outcome().kind()).isEqualTo(Outcome.Kind.TRANSPORT_ERROR);
		assertThat(times.fromWritten(System.nanoTime())).isEqualTo(-1);
	}

	private static JwtPool.Entry entry(String jwt) {
		return new JwtPool.Entry("user-" + jwt, jwt.getBytes(StandardCharsets.US_ASCII));
	}

}
