package com.altscodex.spring.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunctions;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.pending.PendingLoginRegistry;
import com.altscodex.spring.web.AltsCodexCallbackRoutes;

/**
 * A real HTTP server on loopback that serves the starter's callback routes for the
 * clients under test, without a Spring application context. Started before the
 * clients exist, because their redirect URI needs its port.
 */
public final class CallbackServer implements AutoCloseable {

	public static final String CALLBACK_PATH = "/login/altscodex";

	private final AtomicReference<HttpHandler> handler = new AtomicReference<>();

	private final DisposableServer server;

	public CallbackServer() {
		ReactorHttpHandlerAdapter adapter = new ReactorHttpHandlerAdapter((request, response) -> {
			HttpHandler current = this.handler.get();
			if (current == null) {
				response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
				return response.setComplete();
			}
			return current.handle(request, response);
		});
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle(adapter).bindNow(Duration.ofSeconds(10));
	}

	public String redirectUri() {
		return "http://127.0.0.1:" + this.server.port() + CALLBACK_PATH;
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * Serves the callback routes of the clients, delivering callbacks to the registry
	 * they register their logins with.
	 * @param pendingLogins the clients' registry
	 * @param clients the clients
	 */
	public void serve(PendingLoginRegistry pendingLogins, List<? extends AltsCodexClient> clients) {
		this.handler.set(RouterFunctions.toHttpHandler(AltsCodexCallbackRoutes.of(pendingLogins, clients)));
	}

	/**
	 * Serves the callback routes of the clients, observing callbacks with a registry.
	 * @param pendingLogins the clients' registry
	 * @param clients the clients
	 * @param observationRegistry the registry
	 */
	public void serve(PendingLoginRegistry pendingLogins, List<? extends AltsCodexClient> clients,
			ObservationRegistry observationRegistry) {
		this.handler.set(RouterFunctions
			.toHttpHandler(AltsCodexCallbackRoutes.of(pendingLogins, clients, observationRegistry, null)));
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(10));
	}


}
