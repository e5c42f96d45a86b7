package com.altscodex.benchmarks.suite;

import org.jspecify.annotations.Nullable;

/**
 * Reads a meter from a Prometheus scrape ({@code text/plain} exposition format).
 */
final class PrometheusText {

	private PrometheusText() {
	}

	/**
	 * The sum of every sample of a meter over all its tags, e.g.
	 * {@code altscodex_pending_logins_refused_total} for every client.
	 * @param scrape the scrape's body
	 * @param name the sample name, without tags
	 * @return the sum, or {@code null} when the scrape has no such sample
	 */
	static @Nullable Double sum(String scrape, String name) {
		return sum(scrape, name, new String[0]);
	}

	/**
	 * The sum of the samples of a meter that carry every given tag, e.g.
	 * {@code status="503"}.
	 * @param scrape the scrape's body
	 * @param name the sample name, without tags
	 * @param tags tags as the scrape writes them, {@code name="value"}
	 * @return the sum, or {@code null} when the scrape has no such sample
	 */
	static @Nullable Double sum(String scrape, String name, String... tags) {
		Double sum = null;
		for (String line : scrape.split("\n")) {
			if (line.startsWith("#") || !line.startsWith(name)) {
				continue;
			}
			String rest = line.substring(name.length());
			if (!rest.startsWith("{") && !rest.startsWith(" ")) {
				continue;
			}
			int close = rest.startsWith("{") ? rest.indexOf('}') : 0;
			String labels = rest.substring(0, Math.max(0, close));
			if (!hasAll(labels, tags)) {
				continue;
			}
			String[] fields = rest.substring(close + 1).strip().split("\\s+");
			try {
				sum = ((sum != null) ? sum : 0) + Double.parseDouble(fields[0]);
			}
			catch (NumberFormatException ex) {
				// not a sample line
			}
		}
		return sum;
	}

	private static boolean hasAll(String labels, String... tags) {
		for (String tag : tags) {
			if (!labels.contains("{" + tag) && !labels.contains("," + tag)) {
				return false;
			}
		}
		return true;
	}

}
