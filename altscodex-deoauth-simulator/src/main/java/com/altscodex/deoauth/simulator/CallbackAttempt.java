package com.altscodex.deoauth.simulator;

import org.jspecify.annotations.Nullable;

/**
 * A callback the {@link DeOAuthSimulator} sent to an application:
 * {@code POST {redirectUri}?state=..&code=..&success=..}.
 *
 * @param redirectUri the redirect URI the callback was sent to, without the added query
 * @param state the {@code state} parameter
 * @param code the {@code code} parameter: the authorization code, the rejection code
 * (e.g. {@code ACCESS_DENIED}) or {@code null} when the callback carried none
 * @param success the {@code success} parameter, {@code "1"} or {@code "0"}
 * @param status the HTTP status the application answered, or {@code -1} when the callback
 * failed (connection refused, timeout, simulator closed)
 */
public record CallbackAttempt(String redirectUri, String state, @Nullable String code, String success, int status) {

	/**
	 * Whether the application answered the callback with a 2xx status.
	 * @return {@code true} for a 2xx answer
	 */
	public boolean answeredSuccessfully() {
		return this.status >= 200 && this.status < 300;
	}

	@Override
	public String toString() {
		return "CallbackAttempt[redirectUri=" + this.redirectUri + ", state=" + this.state + ", code="
				+ ((this.code != null) ? RecordedRequest.MASK : null) + ", success=" + this.success + ", status="
				+ this.status + "]";
	}

}
