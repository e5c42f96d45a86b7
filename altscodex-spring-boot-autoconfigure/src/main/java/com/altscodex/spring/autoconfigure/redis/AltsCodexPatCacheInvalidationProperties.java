package com.altscodex.spring.autoconfigure.redis;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

import com.altscodex.spring.autoconfigure.InvalidAltsCodexPropertyException;

/**
 * Configuration properties of how several instances keep their caches of resolved
 * personal access tokens in step.
 */
@ConfigurationProperties("altscodex.pat.cache")
public class AltsCodexPatCacheInvalidationProperties implements InitializingBean {

	/**
	 * Where instances tell one another of changes to tokens: 'memory' for nowhere
	 * (another instance sees a token revocation when its cache entry expires) or 'redis'
	 * (every instance forgets it at once, over Redis pub/sub).
	 * Defaults to 'altscodex.pending.store', else memory.
	 */
	private @Nullable String store;

	/**
	 * Redis pub/sub channel over which instances tell one another of changes to
	 * tokens: the same on every instance of an application, another for each
	 * application sharing the Redis server.
	 */
	private String channel = "altscodex:invalidate:pat";

	public @Nullable String getStore() {
		return this.store;
	}

	public void setStore(@Nullable String store) {
		this.store = store;
	}

	public String getChannel() {
		return this.channel;
	}

	public void setChannel(String channel) {
		this.channel = channel;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.channel == null || this.channel.isBlank()) {
			throw new InvalidAltsCodexPropertyException("altscodex.pat.cache.channel",
					"Property 'altscodex.pat.cache.channel' must not be empty.",
					"Set 'altscodex.pat.cache.channel' to a Redis channel name such as "
							+ "'altscodex:invalidate:pat', or leave it unset.");
		}
	}

}
