package com.altscodex.spring.test;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

/**
 * Refresh tokens, each for a user and either bound to the client it was issued to or
 * usable by any registered client. Redeeming consumes the token (rotation).
 */
final class RefreshTokens {

	private final ConcurrentMap<String, Grant> grants = new ConcurrentHashMap<>();

	private final RandomTokens tokens;

	RefreshTokens(RandomTokens tokens) {
		this.tokens = tokens;
	}

	String issue(String userId, @Nullable String clientId) {
		String token = this.tokens.next("rt_", 32);
		this.grants.put(token, new Grant(userId, clientId));
		return token;
	}

	/**
	 * Consumes a refresh token on behalf of a client.
	 * @return its grant, or {@code null} when the token is unknown, already used or bound
	 * to another client
	 */
	@Nullable Grant redeem(@Nullable String token, String clientId) {
		Grant grant = (token != null) ? this.grants.get(token) : null;
		if (grant == null || (grant.clientId() != null && !grant.clientId().equals(clientId))) {
			return null;
		}
		return this.grants.remove(token, grant) ? grant : null;
	}

	record Grant(String userId, @Nullable String clientId) {
	}

}
