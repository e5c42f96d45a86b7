package com.altscodex.deoauth.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Refresh tokens, each for a user and either bound to the client it was issued to or
 * usable by any registered client. Redeeming consumes the token (rotation). With a
 * time-to-live, expired tokens are refused and purged as new ones are issued; without
 * one, they never expire.
 */
final class RefreshTokens {

	private static final int PURGE_EVERY = 1024;

	private final ConcurrentMap<String, Grant> grants = new ConcurrentHashMap<>();

	private final AtomicInteger issued = new AtomicInteger();

	private final RandomTokens tokens;

	private final Clock clock;

	private final @Nullable Duration ttl;

	RefreshTokens(RandomTokens tokens, Clock clock, @Nullable Duration ttl) {
		this.tokens = tokens;
		this.clock = clock;
		this.ttl = ttl;
	}

	String issue(String userId, @Nullable String clientId) {
		Instant expiresAt = null;
		if (this.ttl != null) {
			Instant now = this.clock.instant();
			if (this.issued.incrementAndGet() % PURGE_EVERY == 0) {
				this.grants.values().removeIf((grant) -> grant.expiredAt(now));
			}
			expiresAt = now.plus(this.ttl);
		}
		String token = this.tokens.next("rt_", 32);
		this.grants.put(token, new Grant(userId, clientId, expiresAt));
		return token;
	}

	/**
	 * Consumes a refresh token on behalf of a client.
	 * @return its grant, or {@code null} when the token is unknown, already used, expired
	 * or bound to another client
	 */
	@Nullable Grant redeem(@Nullable String token, String clientId) {
		Grant grant = (token != null) ? this.grants.get(token) : null;
		if (grant == null) {
			return null;
		}
		if (grant.expiredAt(this.clock.instant())) {
			this.grants.remove(token, grant);
			return null;
		}
		if (grant.clientId() != null && !grant.clientId().equals(clientId)) {
			return null;
		}
		return this.grants.remove(token, grant) ? grant : null;
	}

	/**
	 * The number of refresh tokens held, expired ones not yet purged included.
	 */
	int size() {
		return this.grants.size();
	}

	record Grant(String userId, @Nullable String clientId, @Nullable Instant expiresAt) {

		boolean expiredAt(Instant now) {
			return this.expiresAt != null && !now.isBefore(this.expiresAt);
		}

	}

}
