package com.altscodex.benchmarks.server;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Reads the body of {@code POST /login}, the raw JWT, as bytes (no codec decodes it to a
 * {@code String} that TRACE logging could print).
 */
public final class JwtBodies {

	/** Largest body read. */
	public static final int MAX_BYTES = 16 * 1024;

	private JwtBodies() {
	}

	public static Mono<String> read(ServerRequest request) {
		return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), MAX_BYTES).map((buffer) -> {
			try {
				return buffer.toString(StandardCharsets.US_ASCII);
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		});
	}

}
