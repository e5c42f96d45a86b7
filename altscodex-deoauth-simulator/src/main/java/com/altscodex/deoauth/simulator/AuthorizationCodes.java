package com.altscodex.deoauth.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Single-use authorization codes, each bound to a client, a redirect URI and a user, and
 * valid for a fixed time. Redeeming is atomic: of two concurrent exchanges of one code,
 * exactly one wins.
 */
final class AuthorizationCodes {

	private static final int PURGE_EVERY = 1024;

	private final ConcurrentMap<String, Grant> grants = new ConcurrentHashMap<>();

	private final AtomicInteger issued = new AtomicInteger();

	private final RandomTokens tokens;

	private final Clock clock;

	private final Duration ttl;

	AuthorizationCodes(RandomTokens tokens, Clock clock, Duration ttl) {
		this.tokens = tokens;
		this.clock = clock;
		this.ttl = ttl;
	}

	String issue(String clientId, String redirectUri, String userId) {
		Instant now = this.clock.instant();
		if (this.issued.incrementAndGet() % PURGE_EVERY == 0) {
			this.grants.values().removeIf((grant) -> grant.expiredAt(now));
		}
		String code = this.tokens.next("", 24);
		this.grants.put(code, new Grant(clientId, redirectUri, userId, now.plus(this.ttl)));
		return code;
	}

	/**
	 * Consumes a code issued to this client for this redirect URI.
	 * @return the grant, or {@code null} when the code is unknown, used, expired or bound
	 * to another client or redirect URI (a mismatch leaves the code usable)
	 */
	@Nullable Grant redeem(String code, String clientId, String redirectUri) {
		Grant grant = this.grants.get(code);
		if (grant == null) {
			return null;
		}
		if (grant.expiredAt(this.clock.instant())) {
			this.grants.remove(code, grant);
			return null;
		}
		if (!grant.clientId().equals(clientId) || !grant.redirectUri().equals(redirectUri)) {
			return null;
		}
		return this.grants.remove(code, grant) ? grant : null;
	}

	record Grant(String clientId, String redirectUri, String userId, Instant expiresAt) {

		boolean expiredAt(Instant now) {
			return !now.isBefore(this.expiresAt);
		}

	}

}
