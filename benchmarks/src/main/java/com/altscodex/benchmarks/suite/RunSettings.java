package com.altscodex.benchmarks.suite;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.altscodex.benchmarks.suite.SuiteResults.LoadRun;
import com.altscodex.benchmarks.suite.SuiteResults.RunInfo;

/**
 * The settings of a run as its results file stores them ({@code run.settings}, written
 * from {@link SuiteSettings#describe()}), for the report: a report rendered again with
 * {@code --render} takes nothing from its own command line. A results file written
 * before a setting was stored lacks it; the report then leaves out what depends on it,
 * except the note, which such a file has only in the recorded command.
 */
final class RunSettings {

	/** Keys the report shows elsewhere than in the settings row. */
	static final Set<String> NOT_IN_SETTINGS_ROW = Set.of("note");

	private static final Pattern NOTE_IN_COMMAND = Pattern.compile("(?:^|\\s)--note(?:=|\\s+)(.*?)(?=\\s--\\S|$)",
			Pattern.DOTALL);

	private final Map<String, Object> values;

	private final String command;

	RunSettings(RunInfo run) {
		this.values = run.settings();
		this.command = run.command();
	}

	Map<String, Object> values() {
		return this.values;
	}

	/**
	 * The concurrency levels of the load stage, as stored, or else those of the load runs
	 * in the results.
	 */
	List<Integer> users(List<LoadRun> load) {
		if (this.values.get("users") instanceof List<?> list) {
			List<Integer> users = new ArrayList<>();
			for (Object value : list) {
				if (value instanceof Number number) {
					users.add(number.intValue());
				}
			}
			return users;
		}
		Set<Integer> users = new LinkedHashSet<>();
		load.forEach((run) -> users.add(run.users()));
		return List.copyOf(users);
	}

	OptionalDouble number(String key) {
		return (this.values.get(key) instanceof Number number) ? OptionalDouble.of(number.doubleValue())
				: OptionalDouble.empty();
	}

	@Nullable Boolean flag(String key) {
		return (this.values.get(key) instanceof Boolean flag) ? flag : null;
	}

	/**
	 * The transport every process ran on: {@code true} for the native one, {@code false}
	 * for NIO, {@code null} when not stored.
	 */
	@Nullable Boolean nativeTransport() {
		return (this.values.get("transport") instanceof String transport) ? transport.startsWith("native") : null;
	}

	/**
	 * The note at the top of the report: as stored, or, in a results file written before
	 * the note was stored, the {@code --note} of the recorded command.
	 */
	String note() {
		if (this.values.get("note") instanceof String note) {
			return note.strip();
		}
		Matcher matcher = NOTE_IN_COMMAND.matcher(this.command);
		return matcher.find() ? unquote(matcher.group(1).strip()) : "";
	}

	private static String unquote(String text) {
		boolean quoted = text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"")
				|| text.startsWith("'") && text.endsWith("'"));
		return quoted ? text.substring(1, text.length() - 1) : text;
	}

}
