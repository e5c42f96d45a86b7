package com.altscodex.spring.autoconfigure.rbac;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

import com.altscodex.spring.autoconfigure.InvalidAltsCodexPropertyException;

/**
 * Configuration properties of personal access tokens.
 */
@ConfigurationProperties("altscodex.pat")
public class AltsCodexPatProperties implements InitializingBean {

	/**
	 * Whether requests may authenticate with 'Authorization: Bearer altscodex_pat_...'
	 * personal access tokens.
	 */
	private boolean enabled = true;

	/**
	 * Most live tokens a user may hold at once; 0 for no limit.
	 */
	private int maxTokensPerUser = 100;

	/**
	 * How often a token's last use is written at most.
	 */
	private Duration lastUsedInterval = Duration.ofMinutes(1);

	private final Cache cache = new Cache();

	private final Api api = new Api();

	private final FailureRateLimit failureRateLimit = new FailureRateLimit();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getMaxTokensPerUser() {
		return this.maxTokensPerUser;
	}

	public void setMaxTokensPerUser(int maxTokensPerUser) {
		this.maxTokensPerUser = maxTokensPerUser;
	}

	public Duration getLastUsedInterval() {
		return this.lastUsedInterval;
	}

	public void setLastUsedInterval(Duration lastUsedInterval) {
		this.lastUsedInterval = lastUsedInterval;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Api getApi() {
		return this.api;
	}

	public FailureRateLimit getFailureRateLimit() {
		return this.failureRateLimit;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.maxTokensPerUser < 0) {
			throw new InvalidAltsCodexPropertyException("altscodex.pat.max-tokens-per-user",
					"Property 'altscodex.pat.max-tokens-per-user' must not be negative: " + this.maxTokensPerUser + ".",
					"Set 'altscodex.pat.max-tokens-per-user' to the most live tokens a user may hold, or 0 for no limit.");
		}
		if (this.cache.getTimeToLive().isNegative()) {
			throw new InvalidAltsCodexPropertyException("altscodex.pat.cache.time-to-live",
					"Property 'altscodex.pat.cache.time-to-live' must not be negative.",
					"Set 'altscodex.pat.cache.time-to-live' to a duration such as 30s, or 0 to look tokens up on every request.");
		}
		FailureRateLimit limit = this.failureRateLimit;
		if (limit.getCapacity() <= 0 || limit.getRefillTokens() <= 0 || limit.getMaxClients() <= 0
				|| limit.getRefillPeriod().isNegative() || limit.getRefillPeriod().isZero()) {
			throw new InvalidAltsCodexPropertyException("altscodex.pat.failure-rate-limit",
					"Properties 'altscodex.pat.failure-rate-limit.*' must be positive.",
					"Set capacity, refill-tokens, refill-period and max-clients of 'altscodex.pat.failure-rate-limit' above 0, or set its 'enabled' to false.");
		}
		AltsCodexRbacProperties.checkPath(this.api.getPath(), "altscodex.pat.api.path");
	}

	/**
	 * The cache of resolved tokens.
	 */
	public static class Cache {

		/**
		 * How long a resolved token is kept before it is looked up again; a revocation
		 * made on this instance is seen at once.
		 */
		private Duration timeToLive = Duration.ofSeconds(30);

		/**
		 * Most tokens kept.
		 */
		private long maximumSize = 10_000;

		public Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

		public long getMaximumSize() {
			return this.maximumSize;
		}

		public void setMaximumSize(long maximumSize) {
			this.maximumSize = maximumSize;
		}

	}

	/**
	 * The endpoints through which users manage their tokens.
	 */
	public static class Api {

		/**
		 * Whether to serve the endpoints through which a signed-in user lists, creates
		 * and revokes their own tokens.
		 */
		private boolean enabled;

		/**
		 * Base path of the token endpoints.
		 */
		private String path = "/api/tokens";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

	}

	/**
	 * The limit of requests with invalid tokens per client address.
	 */
	public static class FailureRateLimit {

		/**
		 * Whether to refuse, with 429, requests from an address that sent too many
		 * invalid tokens.
		 */
		private boolean enabled = true;

		/**
		 * Invalid tokens an address may send at once.
		 */
		private long capacity = 10;

		/**
		 * Invalid tokens an address is allowed again every refill period.
		 */
		private long refillTokens = 1;

		/**
		 * Period in which refill-tokens more invalid tokens are allowed.
		 */
		private Duration refillPeriod = Duration.ofSeconds(6);

		/**
		 * Most client addresses tracked at once.
		 */
		private int maxClients = 100_000;

		/**
		 * Where the buckets are kept: 'memory' (each instance limits on its own) or
		 * 'redis' (one limit for every instance; needs Spring Data Redis on Lettuce and
		 * bucket4j_jdk17-lettuce). Defaults to altscodex.pending.store, else memory.
		 */
		private @Nullable String store;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public long getCapacity() {
			return this.capacity;
		}

		public void setCapacity(long capacity) {
			this.capacity = capacity;
		}

		public long getRefillTokens() {
			return this.refillTokens;
		}

		public void setRefillTokens(long refillTokens) {
			this.refillTokens = refillTokens;
		}

		public Duration getRefillPeriod() {
			return this.refillPeriod;
		}

		public void setRefillPeriod(Duration refillPeriod) {
			this.refillPeriod = refillPeriod;
		}

		public int getMaxClients() {
			return this.maxClients;
		}

		public void setMaxClients(int maxClients) {
			this.maxClients = maxClients;
		}

		public @Nullable String getStore() {
			return this.store;
		}

		public void setStore(@Nullable String store) {
			this.store = store;
		}

	}

}
