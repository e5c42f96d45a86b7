package com.altscodex.spring.rbac.redis;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.util.Assert;

import com.altscodex.spring.cache.redis.RedisCacheInvalidationChannel;
import com.altscodex.spring.rbac.CachingReactiveRoleService;
import com.altscodex.spring.rbac.RbacChange;

/**
 * Keeps the role caches of several instances in step over Redis pub/sub: each change made
 * through this instance's {@link CachingReactiveRoleService} is published on a channel,
 * and the changes the other instances publish there are forgotten here at once. A
 * message names what a change touched, never more: {@code user:<slot id>} for a user's
 * assignments, {@code everyone} for a change to a role. A message not understood, and
 * every (re)subscription, forgets every user's authorizations; a message lost is
 * bounded by the cache's time to live.
 * <p>
 * Listens from {@link #start()} to {@link #stop()}; publishes from its creation on.
 *
 * @see RedisCacheInvalidationChannel
 */
public final class RedisRbacCacheInvalidator implements SmartLifecycle {

	/** The channel used unless another is named. */
	public static final String DEFAULT_CHANNEL = "altscodex:invalidate:rbac";

	private static final String EVERYONE = "everyone";

	private static final String USER = "user:";

	private final CachingReactiveRoleService roles;

	private final RedisCacheInvalidationChannel channel;

	/**
	 * Creates an invalidator, which becomes the role cache's change listener.
	 * @param roles this instance's role cache
	 * @param connectionFactory the Redis connections
	 * @param channel the channel's name, the same on every instance, such as
	 * {@value #DEFAULT_CHANNEL}
	 */
	public RedisRbacCacheInvalidator(CachingReactiveRoleService roles, ReactiveRedisConnectionFactory connectionFactory,
			String channel) {
		Assert.notNull(roles, "roles cannot be null");
		this.roles = roles;
		this.channel = new RedisCacheInvalidationChannel(connectionFactory, channel, this::changedElsewhere,
				() -> roles.forget(RbacChange.everyone()));
		roles.setChangeListener(this::changedHere);
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

	private void changedHere(RbacChange change) {
		String slotId = change.slotId();
		this.channel.publish((slotId != null) ? USER + slotId : EVERYONE);
	}

	private void changedElsewhere(String change) {
		this.roles.forget(change.startsWith(USER) ? RbacChange.user(change.substring(USER.length()))
				: RbacChange.everyone());
	}

	@Override
	public String toString() {
		return "RedisRbacCacheInvalidator[channel=" + this.channel.getChannel() + "]";
	}

}
