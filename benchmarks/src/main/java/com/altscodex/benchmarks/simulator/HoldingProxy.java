package com.altscodex.benchmarks.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * A proxy in front of the simulator that holds {@code authorize} for the JWTs of some
 * users only, and counts the {@code authorize} requests of every user as they arrive:
 * one group of logins can then wait on DeOAuth while another signs in at the same
 * moment, which the simulator's latency knob (one for every request) cannot do. A held
 * request goes on to the simulator once the hold is over, as with the latency knob, so
 * that the simulator answers it and sends its callback then and the login stays pending
 * in the app meanwhile. Every other request is passed through as it is.
 */
final class HoldingProxy implements AutoCloseable {

	private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "transfer-encoding",
			"keep-alive");

	private final Map<String, Integer> userOfJwt;

	private final AtomicIntegerArray authorizeByUser;

	private final AtomicReference<Hold> hold = new AtomicReference<>(Hold.NONE);

	private final ConnectionProvider connections = ConnectionProvider.builder("holding-proxy")
		.maxConnections(10_000)
		.pendingAcquireMaxCount(-1)
		.build();

	private final HttpClient upstream;

	private final DisposableServer server;

	HoldingProxy(int simulatorPort, Map<String, Integer> userOfJwt, int users) {
		this.userOfJwt = userOfJwt;
		this.authorizeByUser = new AtomicIntegerArray(users);
		this.upstream = HttpClient.create(this.connections).baseUrl("http://127.0.0.1:" + simulatorPort);
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::forward).bindNow();
	}

	int port() {
		return this.server.port();
	}

	/**
	 * Holds the answer to {@code authorize} for {@code hold} for the users {@code from}
	 * (inclusive) to {@code to} (exclusive), from now on; {@code Duration.ZERO} holds none.
	 */
	void hold(int from, int to, Duration hold) {
		this.hold.set(hold.isZero() ? Hold.NONE : new Hold(from, to, hold));
	}

	/**
	 * The {@code authorize} requests that arrived since the last {@link #clear()} with a
	 * JWT of the users {@code from} (inclusive) to {@code to} (exclusive).
	 */
	long authorizeOf(int from, int to) {
		long count = 0;
		for (int user = Math.max(0, from); user < Math.min(to, this.authorizeByUser.length()); user++) {
			count += this.authorizeByUser.get(user);
		}
		return count;
	}

	void clear() {
		for (int user = 0; user < this.authorizeByUser.length(); user++) {
			this.authorizeByUser.set(user, 0);
		}
	}

	private Mono<Void> forward(HttpServerRequest request, HttpServerResponse response) {
		Duration delay = Duration.ZERO;
		if (request.uri().startsWith(SimulatorMain.AUTHORIZE_PATH)) {
			Integer user = this.userOfJwt.get(SimulatorMain.bearer(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION)));
			if (user != null) {
				this.authorizeByUser.incrementAndGet(user);
				delay = this.hold.get().of(user);
			}
		}
		HttpHeaders headers = copy(request.requestHeaders());
		Duration held = delay;
		return request.receive()
			.aggregate()
			.asByteArray()
			.defaultIfEmpty(new byte[0])
			.delayUntil((body) -> held.isZero() ? Mono.empty() : Mono.delay(held))
			.flatMap((body) -> this.upstream.headers((out) -> out.set(headers))
				.request(request.method())
				.uri(request.uri())
				.send(Mono.just(Unpooled.wrappedBuffer(body)))
				.responseSingle((answer, content) -> content.asByteArray()
					.defaultIfEmpty(new byte[0])
					.map((bytes) -> new Answer(answer.status().code(), copy(answer.responseHeaders()), bytes))))
			.flatMap((answer) -> response.status(answer.status())
				.headers(answer.headers())
				.sendByteArray(Mono.just(answer.body()))
				.then());
	}

	private static HttpHeaders copy(HttpHeaders headers) {
		HttpHeaders copy = new DefaultHttpHeaders();
		headers.forEach((header) -> {
			if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
				copy.add(header.getKey(), header.getValue());
			}
		});
		return copy;
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.connections.dispose();
	}

	private record Answer(int status, HttpHeaders headers, byte[] body) {
	}

	/**
	 * Which users' {@code authorize} answers are held, and for how long.
	 */
	private record Hold(int from, int to, Duration hold) {

		static final Hold NONE = new Hold(0, 0, Duration.ZERO);

		Duration of(@Nullable Integer user) {
			return (user != null && user >= this.from && user < this.to) ? this.hold : Duration.ZERO;
		}

	}

}
