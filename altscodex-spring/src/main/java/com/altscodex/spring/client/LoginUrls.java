package com.altscodex.spring.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.util.Assert;
import org.springframework.web.util.UriComponentsBuilder;

import com.altscodex.spring.client.pending.AuthorizationCallback;

/**
 * The redirect flow (no popup): the URL that sends a browser to the platform's login
 * page, and the state that protects its return against CSRF.
 * <p>
 * Store the state in the browser's session before redirecting; when the browser comes
 * back, read it with {@link AuthorizationCallback#from}, compare the states, then call
 * {@link AltsCodexClient#exchangeCode(String)}.
 */
public final class LoginUrls {

	private final ClientRegistration registration;

	private final StateGenerator states = new StateGenerator();

	public LoginUrls(ClientRegistration registration) {
		Assert.notNull(registration, "registration cannot be null");
		this.registration = registration;
	}

	/**
	 * A fresh state: 24 bytes from a CSPRNG, base64url without padding.
	 * @return the state
	 */
	public String newState() {
		return this.states.next();
	}

	/**
	 * The platform login URL for a state:
	 * {@code {platform-url}/oauth/login?client_id=..&redirect_uri=..&response_type=code&state=..}.
	 * @param state the state stored for this browser session
	 * @return the URL to send the browser to
	 */
	public URI loginUrl(String state) {
		Assert.hasText(state, "state must not be empty");
		return UriComponentsBuilder.fromUriString(this.registration.getPlatformUrl() + "/oauth/login")
			.queryParam("client_id", this.registration.getClientId())
			.queryParam("redirect_uri", this.registration.getRedirectUri())
			.queryParam("response_type", "code")
			.queryParam("state", state)
			.encode()
			.build()
			.toUri();
	}

	/**
	 * Whether the state a browser came back with is the one stored for its session,
	 * compared in constant time.
	 * @param expected the state stored in the session
	 * @param callback what the browser came back with
	 * @return {@code true} when both are present and equal
	 */
	public static boolean stateMatches(String expected, AuthorizationCallback callback) {
		String actual = callback.state();
		return expected != null && actual != null && MessageDigest.isEqual(
				expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
	}

}
