package com.altscodex.benchmarks.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Command-line arguments of the bench processes: {@code --name value} or
 * {@code --name=value}, and bare {@code --flag}s.
 */
public final class Args {

	private final Map<String, String> values;

	private final List<String> raw;

	private Args(Map<String, String> values, List<String> raw) {
		this.values = values;
		this.raw = raw;
	}

	public static Args parse(String[] arguments) {
		Map<String, String> values = new LinkedHashMap<>();
		List<String> list = new ArrayList<>(List.of(arguments));
		for (int i = 0; i < list.size(); i++) {
			String arg = list.get(i);
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument: " + arg);
			}
			String name = arg.substring(2);
			int equals = name.indexOf('=');
			if (equals >= 0) {
				values.put(name.substring(0, equals), name.substring(equals + 1));
			}
			else if (i + 1 < list.size() && !list.get(i + 1).startsWith("--")) {
				values.put(name, list.get(++i));
			}
			else {
				values.put(name, "true");
			}
		}
		return new Args(values, List.of(arguments));
	}

	public @Nullable String get(String name) {
		return this.values.get(name);
	}

	public String get(String name, String defaultValue) {
		return this.values.getOrDefault(name, defaultValue);
	}

	public String required(String name) {
		String value = this.values.get(name);
		if (value == null) {
			throw new IllegalArgumentException("Missing --" + name);
		}
		return value;
	}

	public int intValue(String name, int defaultValue) {
		String value = this.values.get(name);
		return (value != null) ? Integer.parseInt(value.replace("_", "")) : defaultValue;
	}

	public double doubleValue(String name, double defaultValue) {
		String value = this.values.get(name);
		return (value != null) ? Double.parseDouble(value) : defaultValue;
	}

	public List<String> raw() {
		return this.raw;
	}

	public boolean flag(String name) {
		return "true".equals(this.values.get(name));
	}

}
