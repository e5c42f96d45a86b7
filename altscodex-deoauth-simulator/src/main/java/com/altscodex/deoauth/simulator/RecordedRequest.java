package com.altscodex.deoauth.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A request the {@link DeOAuthSimulator} received.
 * <p>
 * {@link #toString()} masks every secret: {@code Authorization} and {@code Cookie} header
 * values, and the values of {@code client_secret}, {@code refresh_token},
 * {@code access_token}, {@code code} and {@code jwt} in the query and in JSON or form
 * bodies. The accessors return the real values, for assertions.
 *
 * @param method the HTTP method
 * @param path the decoded path, without the query
 * @param queryParams the decoded query parameters, in order
 * @param headers the headers; look-ups on this map ignore the case of the name
 * @param body the body as UTF-8 text, empty when there was none
 * @param at when the request was recorded (its body fully received)
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> queryParams,
		Map<String, List<String>> headers, String body, Instant at) {

	static final String MASK = "****";

	private static final Set<String> SECRET_NAMES = Set.of("client_secret", "refresh_token", "access_token", "code",
			"jwt");

	private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

	private static final Pattern SECRET_JSON_VALUE = Pattern
		.compile("(\"(?:client_secret|refresh_token|access_token|code|jwt)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

	private static final Pattern SECRET_FORM_VALUE = Pattern
		.compile("((?:^|&)(?:client_secret|refresh_token|access_token|code|jwt)=)[^&]*");

	public RecordedRequest {
		queryParams = copy(queryParams, new LinkedHashMap<>());
		headers = copy(headers, new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
	}

	private static Map<String, List<String>> copy(Map<String, List<String>> source, Map<String, List<String>> target) {
		source.forEach((name, values) -> target.merge(name, List.copyOf(values), (a, b) -> {
			List<String> merged = new ArrayList<>(a);
			merged.addAll(b);
			return List.copyOf(merged);
		}));
		return Collections.unmodifiableMap(target);
	}

	/**
	 * The first value of a header.
	 * @param name the header name, in any case
	 * @return its first value, or {@code null} when absent
	 */
	public @Nullable String header(String name) {
		return first(this.headers.get(name));
	}

	/**
	 * The first value of a query parameter.
	 * @param name the parameter name
	 * @return its first value, or {@code null} when absent
	 */
	public @Nullable String queryParam(String name) {
		return first(this.queryParams.get(name));
	}

	private static @Nullable String first(@Nullable List<String> values) {
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	@Override
	public String toString() {
		return "RecordedRequest[method=" + this.method + ", path=" + this.path + ", queryParams="
				+ mask(this.queryParams, SECRET_NAMES::contains, RecordedRequest::maskParameter) + ", headers="
				+ mask(this.headers, (name) -> SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)),
						RecordedRequest::maskCredentials)
				+ ", body=" + maskBody(this.body) + ", at=" + this.at + "]";
	}

	private static Map<String, List<String>> mask(Map<String, List<String>> values,
			Predicate<String> secret, UnaryOperator<String> masker) {
		Map<String, List<String>> masked = new LinkedHashMap<>();
		values.forEach((name, list) -> masked.put(name, secret.test(name) ? list.stream().map(masker).toList() : list));
		return masked;
	}

	private static String maskParameter(String value) {
		return MASK;
	}

	private static String maskCredentials(String value) {
		int space = value.indexOf(' ');
		return (space > 0) ? value.substring(0, space) + " " + MASK : MASK;
	}

	static String maskBody(String body) {
		if (body.isEmpty()) {
			return body;
		}
		String masked = SECRET_JSON_VALUE.matcher(body).replaceAll("$1\"" + MASK + "\"");
		return SECRET_FORM_VALUE.matcher(masked).replaceAll("$1" + MASK);
	}

}
