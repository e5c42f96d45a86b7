package com.altscodex.benchmarks.suite;

import java.util.HashMap;
import java.util.Map;

/**
 * What the flood's simulator received and sent since it was last cleared, as its
 * {@code count} command answers it:
 * {@code OK count authorize=<n> get_token=<n> callbacks=<n> recording=<true|false>}.
 *
 * @param authorize {@code authorize} requests received
 * @param getToken {@code get_token} requests received
 * @param callbacks callbacks sent (and answered or failed)
 */
record SimulatorCounts(long authorize, long getToken, long callbacks) {

	static final String PREFIX = "OK count ";

	static final String USERS_PREFIX = "OK count-users ";

	/**
	 * Reads the answer to {@code count}.
	 * @throws IllegalStateException when the simulator does not record its traffic (its
	 * counts would all be zero) or the answer is not one
	 */
	static SimulatorCounts parse(String line) {
		if (!line.startsWith(PREFIX)) {
			throw new IllegalStateException("Not an answer to count: " + line);
		}
		Map<String, String> values = values(line.substring(PREFIX.length()));
		if (!"true".equals(values.get("recording"))) {
			throw new IllegalStateException("The simulator does not record its traffic, so it cannot count it: " + line);
		}
		return new SimulatorCounts(number(values, "authorize", line), number(values, "get_token", line),
				number(values, "callbacks", line));
	}

	/**
	 * Reads the answer to {@code count-users <from> <to>}: the {@code authorize} requests
	 * of those users' JWTs.
	 * @throws IllegalStateException when the simulator does not record its traffic or the
	 * answer is not one
	 */
	static long authorizeOfUsers(String line) {
		if (!line.startsWith(USERS_PREFIX)) {
			throw new IllegalStateException("Not an answer to count-users: " + line);
		}
		Map<String, String> values = values(line.substring(USERS_PREFIX.length()));
		if (!"true".equals(values.get("recording"))) {
			throw new IllegalStateException("The simulator does not record its traffic, so it cannot count it: " + line);
		}
		return number(values, "authorize", line);
	}

	private static Map<String, String> values(String pairs) {
		Map<String, String> values = new HashMap<>();
		for (String pair : pairs.strip().split("\\s+")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				values.put(pair.substring(0, equals), pair.substring(equals + 1));
			}
		}
		return values;
	}

	private static long number(Map<String, String> values, String name, String line) {
		String value = values.get(name);
		if (value == null) {
			throw new IllegalStateException("No " + name + " in " + line);
		}
		return Long.parseLong(value);
	}

}
