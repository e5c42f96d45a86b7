package com.altscodex.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;

/**
 * The sample application, started the way {@code spring-boot:run} starts it, on a free
 * port of its own, so that the redirect URI the DeOAuth simulator calls back is the
 * application's real address.
 */
final class RunningSample implements AutoCloseable {

	/**
	 * Argument that makes the simulator record its traffic, for the tests that read its
	 * requests and callbacks: the sample starts it with recording off.
	 */
	static final String RECORD_TRAFFIC = "--" + DeOAuthSimulatorInitializer.RECORD_TRAFFIC_PROPERTY + "=true";

	/**
	 * Argument that switches the per-IP sign-in rate limit off, for tests that sign in
	 * more often, and faster, than a person would (all from 127.0.0.1).
	 */
	static final String NO_RATE_LIMIT = "--altscodex.security.rate-limit.enabled=false";

	private final ConfigurableApplicationContext context;

	private final int port;

	private RunningSample(ConfigurableApplicationContext context, int port) {
		this.context = context;
		this.port = port;
	}

	/**
	 * Starts the sample in simulator mode.
	 * @param extraSources more configuration classes, e.g. test taps
	 * @param args more command-line arguments
	 * @return the running sample
	 */
	static RunningSample start(Class<?>[] extraSources, String... args) {
		int port = freePort();
		List<String> arguments = new ArrayList<>(List.of("--server.port=" + port));
		arguments.addAll(List.of(args));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.sources(extraSources)
			.run(arguments.toArray(String[]::new));
		return new RunningSample(context, port);
	}

	static RunningSample start(String... args) {
		return start(new Class<?>[0], args);
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	int port() {
		return this.port;
	}

	String baseUrl() {
		return "http://localhost:" + this.port;
	}

	String redirectUri() {
		return baseUrl() + "/getinfo";
	}

	DeOAuthSimulator simulator() {
		return this.context.getBean(DeOAuthSimulator.class);
	}

	String property(String name) {
		return this.context.getEnvironment().getRequiredProperty(name);
	}

	/**
	 * A client that keeps no cookies and sends no CSRF header.
	 * @return the client
	 */
	WebTestClient webTestClient() {
		return webTestClient(this.port);
	}

	static WebTestClient webTestClient(int port) {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
