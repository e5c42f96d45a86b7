package com.altscodex.benchmarks.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The cookies of one virtual user, kept as a browser keeps them for one site: set by
 * {@code Set-Cookie}, removed by an empty value or {@code Max-Age=0}, sent back as one
 * {@code Cookie} header. Attributes other than {@code Max-Age} (path, flags) are not
 * needed: every request goes to the same site and path. One user's requests run one
 * after the other; the methods are synchronized all the same.
 */
final class CookieJar {

	private final Map<String, String> cookies = new LinkedHashMap<>();

	/**
	 * Takes in the {@code Set-Cookie} headers of an answer.
	 */
	synchronized void update(List<String> setCookieHeaders) {
		for (String header : setCookieHeaders) {
			String[] parts = header.split(";");
			int equals = parts[0].indexOf('=');
			if (equals <= 0) {
				continue;
			}
			String name = parts[0].substring(0, equals).strip();
			String value = parts[0].substring(equals + 1).strip();
			boolean expired = value.isEmpty();
			for (int i = 1; i < parts.length; i++) {
				String attribute = parts[i].strip().toLowerCase(Locale.ROOT);
				if (attribute.equals("max-age=0") || attribute.startsWith("max-age=-")) {
					expired = true;
				}
			}
			if (expired) {
				this.cookies.remove(name);
			}
			else {
				this.cookies.put(name, value);
			}
		}
	}

	synchronized @Nullable String get(String name) {
		return this.cookies.get(name);
	}

	/**
	 * The {@code Cookie} header for the next request, empty when there is no cookie.
	 */
	synchronized String header() {
		StringBuilder header = new StringBuilder();
		this.cookies.forEach((name, value) -> header.append((header.length() > 0) ? "; " : "")
			.append(name)
			.append('=')
			.append(value));
		return header.toString();
	}

}
