package com.altscodex.spring.client.pending;

import org.jspecify.annotations.Nullable;

import org.springframework.util.MultiValueMap;

/**
 * The query parameters of a DeOAuth callback ({@code state}, {@code code},
 * {@code success}) or of the browser's return in the redirect flow. A
 * {@link PendingLoginRegistry} delivers it to the login that owns its state; its
 * {@code toString()} shows the first characters of the state and masks the code.
 *
 * @param state the state the login was registered under
 * @param code the one-time code to exchange, when the login succeeded
 * @param success {@code "1"} when the user authorized the app
 */
public record AuthorizationCallback(@Nullable String state, @Nullable String code, @Nullable String success) {

	/**
	 * Reads the callback from decoded query parameters.
	 * @param queryParams the request's query parameters
	 * @return the callback
	 * @throws IllegalArgumentException when a parameter is given more than once
	 */
	public static AuthorizationCallback from(MultiValueMap<String, String> queryParams) {
		return new AuthorizationCallback(single(queryParams, "state"), single(queryParams, "code"),
				single(queryParams, "success"));
	}

	/**
	 * Reads the callback from a raw (still percent-encoded) query string, strictly:
	 * a malformed escape, bytes that are not UTF-8, or a repeated parameter are errors,
	 * never guessed at.
	 * @param rawQuery the raw query string, without the leading {@code ?}; may be
	 * {@code null} or empty
	 * @return the callback
	 * @throws IllegalArgumentException when the query string is malformed
	 */
	public static AuthorizationCallback parse(@Nullable String rawQuery) {
		return from(QueryStrings.parse(rawQuery));
	}

	private static @Nullable String single(MultiValueMap<String, String> params, String name) {
		var values = params.get(name);
		if (values == null || values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw new IllegalArgumentException("Query parameter '" + name + "' is given more than once");
		}
		return values.get(0);
	}

	/**
	 * Whether the callback reports success ({@code success=1}).
	 */
	public boolean isSuccess() {
		return "1".equals(this.success);
	}

	@Override
	public String toString() {
		return "AuthorizationCallback[state=" + StateAbbreviation.of(this.state) + ", code="
				+ ((this.code != null) ? "******" : null) + ", success=" + this.success + "]";
	}

}
