package com.altscodex.deoauth.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A tiny application that receives DeOAuth callbacks on a random port and answers them
 * like the contract says: {@code 200 {"received": true}}.
 */
final class CallbackReceiver implements AutoCloseable {

	static final String CALLBACK_PATH = "/login/altscodex";

	private final Journal<Callback> received = new Journal<>();

	private final DisposableServer server;

	private volatile int status = 200;

	private CallbackReceiver() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive()
				.aggregate()
				.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.flatMap((body) -> {
					QueryStringDecoder uri = new QueryStringDecoder(request.uri());
					Map<String, List<String>> headers = new LinkedHashMap<>();
					request.requestHeaders()
						.forEach((header) -> headers.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
							.add(header.getValue()));
					this.received.add(new Callback(request.method().name(), uri.path(), uri.parameters(), headers, body));
					return response.status(this.status)
						.header("Content-Type", "application/json")
						.sendString(Mono.just("{\"received\":true}"))
						.then();
				}))
			.bindNow(Duration.ofSeconds(10));
	}

	static CallbackReceiver start() {
		return new CallbackReceiver();
	}

	String redirectUri() {
		return "http://127.0.0.1:" + this.server.port() + CALLBACK_PATH;
	}

	int port() {
		return this.server.port();
	}

	void answerWith(int status) {
		this.status = status;
	}

	List<Callback> received() {
		return this.received.snapshot();
	}

	Mono<Callback> next() {
		return this.received.next((callback) -> true);
	}

	void clear() {
		this.received.clear();
		this.status = 200;
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(10));
	}

	record Callback(String method, String path, Map<String, List<String>> params, Map<String, List<String>> headers,
			String body) {

		@Nullable String param(String name) {
			List<String> values = this.params.get(name);
			return (values != null && !values.isEmpty()) ? values.get(0) : null;
		}

	}

}
