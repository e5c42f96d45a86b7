package com.altscodex.benchmarks.load;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How one login of a flood ended, with what a refusal must carry: the headers
 * {@code Retry-After} and {@code Content-Type} and the problem's {@code type}.
 *
 * @param outcome how the login ended
 * @param retryAfter the {@code Retry-After} header, if any
 * @param contentType the {@code Content-Type} header, if any
 * @param problemType the {@code type} of an {@code application/problem+json} body, if any
 */
record FloodAnswer(Outcome outcome, @Nullable String retryAfter, @Nullable String contentType,
		@Nullable String problemType) {

	static FloodAnswer of(int status, @Nullable String retryAfter, @Nullable String contentType, String body,
			String expectedUser) {
		return new FloodAnswer(Outcome.of(status, body, expectedUser), retryAfter, contentType,
				problemType(contentType, body));
	}

	static FloodAnswer transport(Throwable ex) {
		return new FloodAnswer(Outcome.transport(ex), null, null, null);
	}

	static FloodAnswer lost() {
		return new FloodAnswer(Outcome.lost(), null, null, null);
	}

	/**
	 * The group the answer is counted in: {@code ok}, {@code wrong user}, the status and
	 * the problem type's last segment (e.g. {@code 503 sign-in-busy}),
	 * {@code transport <exception>} or {@code lost}.
	 */
	String kind() {
		return switch (this.outcome.kind()) {
			case OK -> "ok";
			case WRONG_USER -> "wrong user";
			case REFUSED -> this.outcome.status() + " "
					+ ((this.problemType != null) ? lastSegment(this.problemType) : "(no problem type)");
			case TRANSPORT_ERROR -> "transport " + this.outcome.error();
			case LOST -> "lost";
		};
	}

	static @Nullable String problemType(@Nullable String contentType, String body) {
		if (contentType == null || !contentType.contains("problem+json")) {
			return null;
		}
		try {
			JsonNode type = LoadGenerator.JSON.readTree(body).get("type");
			return (type != null && type.isString()) ? type.asString() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	static String lastSegment(String type) {
		int slash = type.lastIndexOf('/');
		return (slash >= 0 && slash < type.length() - 1) ? type.substring(slash + 1) : type;
	}

}
