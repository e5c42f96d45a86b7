package com.altscodex.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flood's logins beyond the bound on plain sockets, against a real HTTP server that
 * answers as the app does: a problem with {@code Content-Length}, or in chunks.
 */
class SocketWaveTests {

	private static final String BUSY = "{\"type\":\"https://altscodex.com/problems/sign-in-busy\",\"status\":503}";

	private final AtomicInteger stateRequests = new AtomicInteger();

	private DisposableServer server;

	@BeforeEach
	void startServer() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/bench/state", (request, response) -> {
				this.stateRequests.incrementAndGet();
				return response.header("Content-Type", "application/json").sendString(Mono.just("{\"pending\":0}"));
			}).post("/login", (request, response) -> request.receive().aggregate().asString().flatMap((jwt) -> {
				if (jwt.contains("from-addr")) {
					// a secured login: its slot id is the address it came from
					String from = request.remoteAddress().getAddress().getHostAddress();
					boolean csrf = "t0k3n".equals(request.requestHeaders().get("X-XSRF-TOKEN"))
							|| "token-1".equals(request.requestHeaders().get("X-XSRF-TOKEN"));
					return response.status(csrf ? 200 : 403)
						.header("Content-Type", "application/json")
						.sendString(Mono.just("{\"user\":{\"id\":\"" + from + "\"}}"))
						.then();
				}
				if (jwt.startsWith("hang-")) {
					return Mono.never();
				}
				if (jwt.startsWith("drop-")) {
					request.withConnection((connection) -> connection.channel().close());
					return Mono.never();
				}
				if (jwt.startsWith("ok-")) {
					return response.header("Content-Type", "application/json")
						.sendString(Mono.just("{\"id\":\"" + jwt.substring(3) + "\"}"))
						.then();
				}
				response.status(503).header("Retry-After", "1").header("Content-Type", "application/problem+json");
				if (jwt.startsWith("chunked-")) {
					// no Content-Length: Reactor Netty sends the parts as chunks
					return response.chunkedTransfer(true)
						.sendString(Flux.just(BUSY.substring(0, 10), BUSY.substring(10)))
						.then();
				}
				return response.sendString(Mono.just(BUSY)).then();
			})))
			.bindNow();
	}

	@AfterEach
	void stopServer() {
		this.server.disposeNow();
	}

	@Test
	void fireWhenRefusedOrAdmittedThenEachAnswerCountedByKindWithItsHeadersAndTimes() throws Exception {
		List<JwtPool.Entry> entries = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			entries.add(entry("user-" + i, "busy-" + i));
		}
		for (int i = 0; i < 5; i++) {
			entries.add(entry("user-c" + i, "chunked-" + i));
		}
		entries.add(entry("alice", "ok-alice"));
		entries.add(entry("bob", "ok-mallory"));
		FloodTally tally = new FloodTally();
		AtomicInteger answered = new AtomicInteger();
		List<Long> ends;
		try (SocketWave wave = SocketWave.open("http://127.0.0.1:" + this.server.port(), entries,
				Duration.ofSeconds(10))) {
			assertThat(this.stateRequests).hasValue(entries.size());
			ends = wave.fire(tally, answered::incrementAndGet, Duration.ofSeconds(10));
		}
		assertThat(ends).hasSize(entries.size());
		assertThat(answered).hasValue(entries.size());
		List<Results.AnswerKind> kinds = tally.kinds();
		assertThat(kinds).extracting(Results.AnswerKind::kind).containsExactly("503 sign-in-busy", "ok", "wrong user");
		Results.AnswerKind busy = kinds.get(0);
		assertThat(busy.count()).isEqualTo(25);
		assertThat(busy.retryAfter()).containsOnlyKeys("1");
		assertThat(busy.contentType()).containsOnlyKeys("application/problem+json");
		assertThat(busy.latencyFromWritten().count()).isEqualTo(25);
		// from the wave's start is never shorter than from the request written
		assertThat(busy.latency().max()).isGreaterThanOrEqualTo(busy.latencyFromWritten().max());
	}

	@Test
	void fireWhenClosedOrNeverAnsweredThenCountedUnansweredByTheTimeout() throws Exception {
		List<JwtPool.Entry> entries = List.of(entry("a", "drop-a"), entry("b", "hang-b"), entry("c", "busy-c"));
		FloodTally tally = new FloodTally();
		try (SocketWave wave = SocketWave.open("http://127.0.0.1:" + this.server.port(), entries,
				Duration.ofSeconds(10))) {
			wave.fire(tally, () -> {
			}, Duration.ofSeconds(1));
		}
		List<Results.AnswerKind> kinds = tally.kinds();
		assertThat(kinds).extracting(Results.AnswerKind::kind)
			.containsExactlyInAnyOrder("503 sign-in-busy", "lost", "transport java.io.IOException");
		Results.Flood flood = new Results.Flood("t", 3, 1, 3, 0, Results.Flood.ON_SOCKETS, 1, kinds);
		assertThat(flood.unanswered()).isEqualTo(2);
	}

	@Test
	void openWhenASourceAddressIsGivenThenEveryConnectionComesFromItAndCarriesItsPreparedRequest() throws Exception {
		String target = "http://127.0.0.1:" + this.server.port();
		String host = SocketWave.host(target);
		assertThat(host).isEqualTo("127.0.0.1:" + this.server.port());
		List<SocketWave.Prepared> logins = List.of(
				new SocketWave.Prepared("127.0.0.2", SocketWave.securedLoginRequest(host, "from-addr".getBytes(
						StandardCharsets.US_ASCII), "token-1")),
				new SocketWave.Prepared("127.0.0.2", SocketWave.securedLoginRequest(host, "from-addr".getBytes(
						StandardCharsets.US_ASCII), "token-1")));
		FloodTally tally = new FloodTally();
		try (SocketWave wave = SocketWave.open(target, logins, SourceAddresses.address("127.0.0.2"),
				Duration.ofSeconds(10))) {
			long before = System.nanoTime();
			wave.fire(tally, () -> {
			}, Duration.ofSeconds(10));
			assertThat(wave.answeredSoFar()).isEqualTo(2);
			assertThat(wave.firedAt()).isGreaterThanOrEqualTo(before);
			assertThat(wave.writtenSpanNanos()).isNotNegative();
		}
		// the test server answers such a login with the client's address as the slot id
		assertThat(tally.kinds()).extracting(Results.AnswerKind::kind, Results.AnswerKind::count)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("ok", 2L));
	}

	@Test
	void securedLoginRequestCarriesTheJsonBodyTheCsrfCookieAndItsHeader() {
		String request = new String(SocketWave.securedLoginRequest("127.0.0.1:8080",
				"eyJ.b.c".getBytes(StandardCharsets.US_ASCII), "t0k3n"), StandardCharsets.US_ASCII);
		assertThat(request).startsWith("POST /login HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n")
			.contains("\r\nContent-Type: application/json\r\n")
			.contains("\r\nCookie: XSRF-TOKEN=t0k3n\r\n")
			.contains("\r\nX-XSRF-TOKEN: t0k3n\r\n")
			.contains("\r\nContent-Length: 17\r\n")
			.endsWith("\r\n\r\n{\"jwt\":\"eyJ.b.c\"}");
	}

	private static JwtPool.Entry entry(String user, String jwt) {
		return new JwtPool.Entry(user, jwt.getBytes(StandardCharsets.US_ASCII));
	}

}
