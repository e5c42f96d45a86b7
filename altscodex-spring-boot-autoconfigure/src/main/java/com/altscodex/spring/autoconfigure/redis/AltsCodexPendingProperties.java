package com.altscodex.spring.autoconfigure.redis;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.altscodex.spring.client.pending.redis.RedisPendingLoginRegistry;

/**
 * Configuration properties for where logins wait for their DeOAuth callback.
 */
@ConfigurationProperties("altscodex.pending")
public class AltsCodexPendingProperties {

	/**
	 * Where logins wait for their callback: 'memory' (this instance; the callback must
	 * reach the instance that started the login) or 'redis' (a callback may land on any
	 * instance and is forwarded to the login's; needs a reactive Redis connection
	 * factory). Also the default store of the rate limits and the cache invalidation.
	 */
	private String store = AltsCodexStores.MEMORY;

	/**
	 * Settings of the Redis store.
	 */
	private final Redis redis = new Redis();

	public String getStore() {
		return this.store;
	}

	public void setStore(String store) {
		this.store = store;
	}

	public Redis getRedis() {
		return this.redis;
	}

	/**
	 * Settings of the Redis store of pending logins.
	 */
	public static class Redis {

		/**
		 * Prefix of the keys and channels in Redis; the same for every instance of an
		 * application, different for applications sharing a Redis.
		 */
		private String keyPrefix = RedisPendingLoginRegistry.DEFAULT_KEY_PREFIX;

		/**
		 * Id of this instance, naming its channel: letters, digits, '.', '_' or '-'.
		 * Defaults to a random id at every start.
		 */
		private @Nullable String instanceId;

		/**
		 * How long a Redis command may take before the login or callback it serves
		 * fails (a login with 503).
		 */
		private Duration commandTimeout = Duration.ofSeconds(2);

		/**
		 * How much longer than its login's timeout a login's key lives in Redis.
		 */
		private Duration timeToLiveMargin = Duration.ofSeconds(30);

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public @Nullable String getInstanceId() {
			return this.instanceId;
		}

		public void setInstanceId(@Nullable String instanceId) {
			this.instanceId = instanceId;
		}

		public Duration getCommandTimeout() {
			return this.commandTimeout;
		}

		public void setCommandTimeout(Duration commandTimeout) {
			this.commandTimeout = commandTimeout;
		}

		public Duration getTimeToLiveMargin() {
			return this.timeToLiveMargin;
		}

		public void setTimeToLiveMargin(Duration timeToLiveMargin) {
			this.timeToLiveMargin = timeToLiveMargin;
		}

	}

}
