package com.altscodex.benchmarks.load;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * One login as a browser's backend call would make it: {@code POST /login} with the raw
 * JWT, then the answer, classified.
 */
final class Logins {

	private Logins() {
	}

	static HttpClient configure(HttpClient client, String target) {
		return client.baseUrl(target).headers((headers) -> headers.set(HttpHeaderNames.CONTENT_TYPE, "text/plain"));
	}

	static Mono<Outcome> login(HttpClient client, JwtPool.Entry entry) {
		return client.post()
			.uri("/login")
			.send((request, outbound) -> outbound.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(entry.jwt()))))
			.responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.map((text) -> Outcome.of(response.status().code(), text, entry.user())))
			.onErrorResume((ex) -> Mono.just(Outcome.transport(ex)));
	}

	/**
	 * One login of a flood: as {@link #login(HttpClient, JwtPool.Entry)}, keeping what a
	 * refusal must carry, and stamping {@code times} with the answer read (before it is
	 * classified) and, on a client made by {@link LoginTimes#recordWritten(HttpClient)},
	 * with the request written.
	 */
	static Mono<FloodAnswer> floodLogin(HttpClient client, JwtPool.Entry entry, LoginTimes times) {
		return client.post()
			.uri("/login")
			.send((request, outbound) -> outbound.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(entry.jwt()))))
			.responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("").map((text) -> {
				times.answered(System.nanoTime());
				HttpHeaders headers = response.responseHeaders();
				return FloodAnswer.of(response.status().code(), headers.get(HttpHeaderNames.RETRY_AFTER),
						headers.get(HttpHeaderNames.CONTENT_TYPE), text, entry.user());
			}))
			.onErrorResume((ex) -> Mono.just(FloodAnswer.transport(ex)))
			.contextWrite(times::into);
	}

}
