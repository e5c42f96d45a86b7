package com.altscodex.spring.pat.redis;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.util.Assert;

import com.altscodex.spring.cache.redis.RedisCacheInvalidationChannel;
import com.altscodex.spring.pat.CachingPersonalAccessTokenService;
import com.altscodex.spring.pat.PersonalAccessTokenChange;

/**
 * Keeps the token caches of several instances in step over Redis pub/sub: each
 * revocation made through this instance's {@link CachingPersonalAccessTokenService} is
 * published on a channel, and the revocations the other instances publish there are
 * forgotten here at once. A message names what was revoked by ids, never by a token or
 * its hash: {@code token:<token id>} for one token, {@code owner:<slot id>} for all of a
 * user's. A message not understood, and every (re)subscription, forgets every token
 * kept; a message lost is bounded by the cache's time to live.
 * <p>
 * Listens from {@link #start()} to {@link #stop()}; publishes from its creation on.
 *
 * @see RedisCacheInvalidationChannel
 */
public final class RedisPersonalAccessTokenCacheInvalidator implements SmartLifecycle {

	/** The channel used unless another is named. */
	public static final String DEFAULT_CHANNEL = "altscodex:invalidate:pat";

	private static final String TOKEN = "token:";

	private static final String OWNER = "owner:";

	private final CachingPersonalAccessTokenService tokens;

	private final RedisCacheInvalidationChannel channel;

	/**
	 * Creates an invalidator, which becomes the token cache's change listener.
	 * @param tokens this instance's token cache
	 * @param connectionFactory the Redis connections
	 * @param channel the channel's name, the same on every instance, such as
	 * {@value #DEFAULT_CHANNEL}
	 */
	public RedisPersonalAccessTokenCacheInvalidator(CachingPersonalAccessTokenService tokens,
			ReactiveRedisConnectionFactory connectionFactory, String channel) {
		Assert.notNull(tokens, "tokens cannot be null");
		this.tokens = tokens;
		this.channel = new RedisCacheInvalidationChannel(connectionFactory, channel, this::changedElsewhere,
				tokens::forgetAll);
		tokens.setChangeListener(this::changedHere);
	}

	/**
	 * Sets how long a message may take to reach Redis before it is given up, with a
	 * warning. Defaults to 2 seconds.
	 * @param publishTimeout the timeout
	 */
	public void setPublishTimeout(Duration publishTimeout) {
		this.channel.setPublishTimeout(publishTimeout);
	}

	/**
	 * Sets how long to wait before subscribing again after the subscription failed: the
	 * first wait, doubled up to the longest. Defaults to 100 milliseconds and 10 seconds.
	 * @param firstBackoff the first wait
	 * @param maxBackoff the longest wait
	 */
	public void setResubscribeBackoff(Duration firstBackoff, Duration maxBackoff) {
		this.channel.setResubscribeBackoff(firstBackoff, maxBackoff);
	}

	@Override
	public void start() {
		this.channel.start();
	}

	@Override
	public void stop() {
		this.channel.stop();
	}

	@Override
	public boolean isRunning() {
		return this.channel.isRunning();
	}

	private void changedHere(PersonalAccessTokenChange change) {
		String tokenId = change.tokenId();
		this.channel.publish((tokenId != null) ? TOKEN + tokenId : OWNER + change.ownerId());
	}

	private void changedElsewhere(String change) {
		if (change.startsWith(TOKEN)) {
			this.tokens.forgetToken(change.substring(TOKEN.length()));
		}
		else if (change.startsWith(OWNER)) {
			this.tokens.forgetOwner(change.substring(OWNER.length()));
		}
		else {
			this.tokens.forgetAll();
		}
	}

	@Override
	public String toString() {
		return "RedisPersonalAccessTokenCacheInvalidator[channel=" + this.channel.getChannel() + "]";
	}

}
