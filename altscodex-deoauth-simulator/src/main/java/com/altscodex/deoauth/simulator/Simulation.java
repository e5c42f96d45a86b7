package com.altscodex.deoauth.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state of one simulated DeOAuth server, shared by its endpoints and its public
 * facade.
 */
record Simulation(Clock clock, Duration jwtTtl, JsonMapper mapper, RandomTokens tokens, JwtCodec jwt,
		ClientRegistry clients, UserDirectory users, AuthorizationCodes codes, RefreshTokens refreshTokens,
		SimulatorBehavior behavior, Journal<RecordedRequest> requests, Journal<CallbackAttempt> callbacks) {

	/**
	 * Runs each JSON and JWT code path once, so that the caches Jackson fills under a
	 * lock on first use are filled here rather than on an event loop.
	 */
	Simulation warmUp() {
		Instant now = this.clock.instant();
		this.jwt.verify(this.jwt.issue("warm-up", now, Duration.ofMinutes(1)), now);
		ObjectNode node = this.mapper.createObjectNode().put("text", "x").put("number", 1L).put("flag", true);
		node.putArray("array").add(this.mapper.createObjectNode());
		this.mapper.readTree(this.mapper.writeValueAsString(node));
		return this;
	}

	String issueJwt(String userId, Duration ttl) {
		return this.jwt.issue(this.users.user(userId).id(), this.clock.instant(), ttl);
	}

	@Override
	public String toString() {
		return "Simulation[clock=" + this.clock + ", jwtTtl=" + this.jwtTtl + "]";
	}

}
