package com.altscodex.spring.security;

import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A redirect sign-in started by a browser session: the state it was sent to the platform
 * with, the client registration, and when the state stops being accepted. Kept in the
 * session by a {@link ServerAltsCodexLoginRequestRepository} until the browser comes
 * back, and used once. {@link #toString()} does not show the state.
 *
 * @param state the state sent to the platform
 * @param clientName the name of the client registration
 * @param expiresAt when the state stops being accepted
 */
public record AltsCodexLoginRequest(String state, String clientName, Instant expiresAt) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	public AltsCodexLoginRequest {
		Assert.hasText(state, "state cannot be empty");
		Assert.hasText(clientName, "clientName cannot be empty");
		Assert.notNull(expiresAt, "expiresAt cannot be null");
	}

	/**
	 * Whether a browser that came back with a state at a given time may complete this
	 * sign-in: the same state, compared in constant time, before it expired.
	 * @param returnedState the state the browser came back with
	 * @param now the time it came back
	 * @return whether it may
	 */
	public boolean accepts(@Nullable String returnedState, Instant now) {
		return returnedState != null && now.isBefore(this.expiresAt) && MessageDigest
			.isEqual(this.state.getBytes(StandardCharsets.US_ASCII), returnedState.getBytes(StandardCharsets.US_ASCII));
	}

	@Override
	public String toString() {
		return "AltsCodexLoginRequest[clientName=" + this.clientName + ", expiresAt=" + this.expiresAt + "]";
	}

}
