package com.altscodex.spring.testsupport.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The Redis server that tests share: the machine's on 127.0.0.1:6379, or
 * {@code ALTSCODEX_TEST_REDIS_URL} ({@code redis://host:port}); where neither answers and
 * a Docker engine runs (a developer's laptop), one started in a container
 * ({@code redis:7}) with Testcontainers. A server that cannot be reached skips the tests
 * that need it, loudly, except on CI ({@code CI=true}), where it fails them.
 * <p>
 * Tests share the server: each should write under a {@link #uniquePrefix(String) prefix
 * of its own} and look only there. Call these from a test or a {@code @BeforeAll} or
 * {@code @BeforeEach} method; they block.
 */
public final class TestRedis {

	private static final Log logger = LogFactory.getLog(TestRedis.class);

	private static final String URL_VARIABLE = "ALTSCODEX_TEST_REDIS_URL";

	private static final String DEFAULT_URL = "redis://127.0.0.1:6379";

	private static final int CONNECT_TIMEOUT_MILLIS = 2000;

	private static volatile RedisEndpoint reached;

	private TestRedis() {
	}

	/**
	 * The shared server.
	 * @return where it listens; the test is skipped, or on CI failed, when no server
	 * can be reached
	 */
	public static RedisEndpoint endpoint() {
		RedisEndpoint endpoint = reached;
		if (endpoint != null) {
			return endpoint;
		}
		synchronized (TestRedis.class) {
			if (reached == null) {
				reached = reach();
			}
			return reached;
		}
	}

	/**
	 * A prefix for keys and channels no other test uses, such as
	 * {@code test:pending:3f2a…:}.
	 * @param purpose what the test is about
	 * @return the prefix, ending with a colon
	 */
	public static String uniquePrefix(String purpose) {
		return "test:" + purpose + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
	}

	private static RedisEndpoint reach() {
		String configured = System.getenv(URL_VARIABLE);
		RedisEndpoint endpoint = RedisEndpoint.parse(
				(configured != null && !configured.isBlank()) ? configured : DEFAULT_URL);
		IOException failure = ping(endpoint);
		if (failure == null) {
			return endpoint;
		}
		if ((configured == null || configured.isBlank()) && dockerAvailable()) {
			logger.warn("The Redis server at " + endpoint + " cannot be reached; starting one in a container");
			return Container.start();
		}
		String message = "Cannot connect to the Redis server at " + endpoint + " (" + failure + "); start it, or set "
				+ URL_VARIABLE;
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			return Assertions.fail(message + ". On CI every Redis test must run.", failure);
		}
		logger.warn("!!! " + message + ". SKIPPING the tests that need it; on CI (CI=true) they would fail.");
		Assumptions.abort(message);
		throw new IllegalStateException("not reached");
	}

	/**
	 * Sends {@code PING} and waits for {@code +PONG}.
	 * @param endpoint the server
	 * @return {@code null} when it answered, else why not
	 */
	static IOException ping(RedisEndpoint endpoint) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), CONNECT_TIMEOUT_MILLIS);
			socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] answer = in.readNBytes(7);
			String text = new String(answer, StandardCharsets.US_ASCII);
			return text.startsWith("+PONG") ? null : new IOException("Unexpected answer to PING: " + text.trim());
		}
		catch (IOException ex) {
			return ex;
		}
	}

	private static boolean dockerAvailable() {
		try {
			return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	// lives as long as the JVM: Testcontainers' reaper removes it after
	private static final class Container {

		@SuppressWarnings("resource")
		static RedisEndpoint start() {
			org.testcontainers.containers.GenericContainer<?> redis = new org.testcontainers.containers.GenericContainer<>(
					"redis:7")
				.withExposedPorts(6379);
			redis.start();
			return new RedisEndpoint(redis.getHost(), redis.getMappedPort(6379));
		}

	}

}
