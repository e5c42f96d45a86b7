package com.altscodex.benchmarks.suite;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The Redis the cluster stage's instances share, as the suite sees it: reachable or not
 * (checked before the stage starts anything), its version and process, the CPU its
 * process used, and the stage's keys to delete after it. Each call opens a connection of
 * its own, bounded by the timeout.
 */
final class RedisServer {

	private final String url;

	private final Duration timeout;

	private final String version;

	private final long pid;

	private final String host;

	private RedisServer(String url, Duration timeout, String version, long pid, String host) {
		this.url = url;
		this.timeout = timeout;
		this.version = version;
		this.pid = pid;
		this.host = host;
	}

	/**
	 * Asks the Redis at {@code url} for its {@code INFO server}.
	 * @throws IllegalStateException when it does not answer within the timeout, naming it
	 */
	static RedisServer probe(String url, Duration timeout) {
		try {
			String info = call(url, timeout, (commands) -> commands.info("server"));
			String host = RedisURI.create(url).getHost();
			long pid = local(host) ? parseLong(field(info, "process_id"), -1) : -1;
			return new RedisServer(url, timeout, field(info, "redis_version"), pid, host);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Redis at " + url + " did not answer within " + timeout.toMillis()
					+ " ms (" + ex.getMessage() + "): the cluster stage needs it (start one with `redis-server "
					+ "--daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no`, or name another "
					+ "with --cluster-redis)", ex);
		}
	}

	/**
	 * Its version and where it runs, for the report.
	 */
	String describe() {
		return "Redis " + this.version + " at " + this.url + ((this.pid > 0) ? " (pid " + this.pid + ", this machine)"
				: " (not a process of this machine: its CPU is not measured)");
	}

	/**
	 * The CPU ticks of its process, {@code -1} when it is not one of this machine's or
	 * cannot be read.
	 */
	long cpuTicks(CpuClock clock) {
		return (this.pid > 0) ? clock.processTicks(this.pid) : -1;
	}

	/**
	 * Deletes every key that starts with {@code prefix}.
	 * @return how many were deleted
	 */
	long deleteKeys(String prefix) {
		return call(this.url, this.timeout, (commands) -> {
			long deleted = 0;
			ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(1000);
			KeyScanCursor<String> cursor = commands.scan(match);
			while (true) {
				List<String> keys = cursor.getKeys();
				if (!keys.isEmpty()) {
					deleted += commands.unlink(keys.toArray(String[]::new));
				}
				if (cursor.isFinished()) {
					return deleted;
				}
				cursor = commands.scan(ScanCursor.of(cursor.getCursor()), match);
			}
		});
	}

	/**
	 * A field of an {@code INFO} answer, empty when it has none.
	 */
	static String field(String info, String name) {
		return info.lines()
			.filter((line) -> line.startsWith(name + ":"))
			.map((line) -> line.substring(name.length() + 1).strip())
			.findFirst()
			.orElse("");
	}

	private static boolean local(String host) {
		return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
	}

	private static long parseLong(String text, long otherwise) {
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			return otherwise;
		}
	}

	private static <T> T call(String url, Duration timeout, Command<T> command) {
		RedisURI uri = RedisURI.create(url);
		uri.setTimeout(timeout);
		RedisClient client = RedisClient.create(uri);
		client.setOptions(ClientOptions.builder()
			.socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
			.build());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.setTimeout(timeout);
			return command.run(connection.sync());
		}
		finally {
			client.shutdown(Duration.ZERO, timeout);
		}
	}

	@FunctionalInterface
	private interface Command<T> {

		T run(RedisCommands<String, String> commands);

	}

}
