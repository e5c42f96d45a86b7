package com.altscodex.benchmarks.suite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A JVM the suite started: its output (standard error merged) goes line by line to a
 * log file and to whoever waits for a line; lines can be sent to its standard input.
 */
final class ChildProcess implements AutoCloseable {

	private static final Object END = new Object();

	private final String name;

	private final Process process;

	private final Path log;

	private final BlockingQueue<Object> lines = new LinkedBlockingQueue<>();

	private final PrintWriter input;

	private volatile @Nullable Consumer<String> onLine;

	private ChildProcess(String name, Process process, Path log, @Nullable Consumer<String> onLine) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.onLine = onLine;
		this.input = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
		Thread pump = new Thread(this::pump, "output-" + name);
		pump.setDaemon(true);
		pump.start();
	}

	/**
	 * Starts a JVM.
	 * @param name a short name, for logs
	 * @param command the command line
	 * @param log where its output goes
	 * @param onLine called on the pumping thread for each line as soon as it is read,
	 * before anyone waiting for it sees it (to sample CPU time at a signal without delay)
	 */
	static ChildProcess start(String name, List<String> command, Path log, @Nullable Consumer<String> onLine) {
		try {
			Files.createDirectories(log.getParent());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			return new ChildProcess(name, builder.start(), log, onLine);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + name, ex);
		}
	}

	private void pump() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				OutputStream out = Files.newOutputStream(this.log)) {
			String line;
			while ((line = reader.readLine()) != null) {
				Consumer<String> hook = this.onLine;
				if (hook != null) {
					hook.accept(line);
				}
				out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
				out.flush();
				this.lines.add(line);
			}
		}
		catch (IOException ex) {
			// the process ended
		}
		finally {
			this.lines.add(END);
		}
	}

	String name() {
		return this.name;
	}

	long pid() {
		return this.process.pid();
	}

	Path log() {
		return this.log;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Waits for the first line, from now on, that matches.
	 * @throws IllegalStateException when the process ends or the time runs out first
	 */
	String awaitLine(Predicate<String> matching, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (true) {
				long left = deadline - System.nanoTime();
				Object next = (left > 0) ? this.lines.poll(left, TimeUnit.NANOSECONDS) : null;
				if (next == null) {
					throw new IllegalStateException(this.name + ": no expected line within " + timeout + tail());
				}
				if (next == END) {
					this.lines.add(END);
					throw new IllegalStateException(this.name + " ended before the expected line" + tail());
				}
				if (matching.test((String) next)) {
					return (String) next;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	String awaitLineStartingWith(String prefix, Duration timeout) {
		return awaitLine((line) -> line.startsWith(prefix), timeout);
	}

	void send(String line) {
		this.input.println(line);
	}

	/**
	 * Waits for the process to end by itself.
	 * @return whether it ended in time
	 */
	boolean awaitExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * The last lines of its log, to explain a failure.
	 */
	String tail() {
		try {
			List<String> all = Files.exists(this.log) ? Files.readAllLines(this.log, StandardCharsets.UTF_8)
					: List.of();
			List<String> last = new ArrayList<>(all.subList(Math.max(0, all.size() - 15), all.size()));
			return last.isEmpty() ? "" : "; last lines of " + this.log + ":\n  " + String.join("\n  ", last);
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * Ends the process: asks politely (SIGTERM), then forcibly.
	 */
	@Override
	public void close() {
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		if (!awaitExit(Duration.ofSeconds(20))) {
			this.process.destroyForcibly();
			awaitExit(Duration.ofSeconds(10));
		}
	}

}
