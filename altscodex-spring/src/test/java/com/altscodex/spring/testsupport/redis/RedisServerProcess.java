package com.altscodex.spring.testsupport.redis;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@code redis-server} of a test's own, on a free port of 127.0.0.1, keeping nothing on
 * disk: for tests that stop Redis and start it again on the same port. Needs the
 * {@code redis-server} binary ({@code ALTSCODEX_TEST_REDIS_SERVER} names another); without
 * it the test is skipped, loudly, except on CI ({@code CI=true}), where it fails.
 */
public final class RedisServerProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private final String binary;

	private final int port;

	private final Path log;

	private Process process;

	private RedisServerProcess(String binary, int port, Path log) {
		this.binary = binary;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts a server on a free port.
	 * @return the running server
	 */
	public static RedisServerProcess start() {
		String binary = binary();
		try {
			RedisServerProcess server = new RedisServerProcess(binary, freePort(),
					Files.createTempFile("redis-server-", ".log"));
			server.startAgain();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + binary, ex);
		}
	}

	/**
	 * Where the server listens.
	 */
	public RedisEndpoint endpoint() {
		return new RedisEndpoint("127.0.0.1", this.port);
	}

	/**
	 * Whether the server runs.
	 */
	public boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Stops the server, as a crash would (SIGKILL): clients see their connections drop.
	 */
	public void stop() {
		if (this.process != null) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	/**
	 * Starts the server again on the same port, empty, and waits until it answers.
	 */
	public void startAgain() {
		if (isRunning()) {
			return;
		}
		try {
			this.process = new ProcessBuilder(List.of(this.binary, "--port", String.valueOf(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no"))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + this.binary, ex);
		}
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (TestRedis.ping(endpoint()) != null) {
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				String output;
				try {
					output = Files.readString(this.log);
				}
				catch (IOException ex) {
					output = ex.toString();
				}
				stop();
				throw new IllegalStateException("redis-server did not start on port " + this.port + ":\n" + output);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	@Override
	public void close() {
		stop();
	}

	@Override
	public String toString() {
		return "RedisServerProcess[" + endpoint() + ", running=" + isRunning() + "]";
	}

	private static String binary() {
		String configured = System.getenv("ALTSCODEX_TEST_REDIS_SERVER");
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
			File candidate = new File(dir, "redis-server");
			if (candidate.canExecute()) {
				return candidate.getPath();
			}
		}
		for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
			if (new File(candidate).canExecute()) {
				return candidate;
			}
		}
		String message = "No redis-server binary on the PATH; install Redis or set ALTSCODEX_TEST_REDIS_SERVER";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			return Assertions.fail(message + ". On CI every Redis test must run.");
		}
		System.err.println("!!! " + message + ". SKIPPING the tests that need it; on CI (CI=true) they would fail.");
		Assumptions.abort(message);
		throw new IllegalStateException("not reached");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

}
