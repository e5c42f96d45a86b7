package com.altscodex.spring;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every test in this module runs with BlockHound installed (by
 * {@code blockhound-junit-platform}): a blocking call on a non-blocking thread, in our
 * code or in the framework code it drives, fails the test that made it. This proves
 * the installation is live, on Reactor's schedulers and on the Netty event loops that
 * serve requests, so the rest of the suite means what it says.
 */
class BlockHoundInstalledTests {

	@Test
	void blockingCallOnParallelSchedulerThenDetected() {
		Mono.delay(Duration.ofMillis(1)).doOnNext((tick) -> {
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}).as(StepVerifier::create).expectError(BlockingOperationError.class).verify(Duration.ofSeconds(5));
	}

	@Test
	void blockingCallOnTheEventLoopServingARequestThenDetected() {
		DisposableServer server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			String thread = Thread.currentThread().getName();
			try {
				Thread.sleep(1);
				return response.sendString(Mono.just("not detected on " + thread));
			}
			catch (BlockingOperationError ex) {
				return response.sendString(Mono.just("detected on " + thread));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return response.sendString(Mono.just("interrupted"));
			}
		}).bindNow(Duration.ofSeconds(10));
		try {
			String answer = HttpClient.create()
				.get()
				.uri("http://127.0.0.1:" + server.port() + "/")
				.responseContent()
				.aggregate()
				.asString()
				.block(Duration.ofSeconds(10));
			assertThat(answer).startsWith("detected on reactor-http-");
		}
		finally {
			server.disposeNow(Duration.ofSeconds(10));
		}
	}

}
