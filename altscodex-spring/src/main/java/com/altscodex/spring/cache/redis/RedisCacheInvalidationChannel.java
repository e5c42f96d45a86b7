package com.altscodex.spring.cache.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.ReactiveSubscription.Message;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.util.Assert;

/**
 * A Redis pub/sub channel over which instances tell one another what their changes
 * touched, so that each forgets the cache entries another made stale. A message is
 * {@code <instance id> <change>}; an instance ignores its own.
 * <p>
 * Pub/sub is fire-and-forget: a message sent while an instance is cut off from Redis
 * never reaches it. So every time the channel is subscribed, first or again (Lettuce
 * subscribes again by itself when Redis comes back; this channel retries, with backoff,
 * when the subscription fails), the instance forgets everything it keeps; and a message
 * lost otherwise is bounded by the caches' time to live.
 * <p>
 * Publishing never fails nor delays the change it reports: it runs apart from it, is
 * given up after {@link #setPublishTimeout a timeout} with a warning, and at most
 * {@link #setMaxPublishing a bound} of messages are on their way at once; beyond it a
 * message is dropped with a warning. Likewise at most 10,000 received messages wait to be
 * applied; beyond it they are dropped and everything kept is forgotten.
 */
public final class RedisCacheInvalidationChannel {

	private static final Log logger = LogFactory.getLog(RedisCacheInvalidationChannel.class);

	// changes received and not yet applied; beyond it they are dropped and everything forgotten
	private static final int MAX_WAITING = 10_000;

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private static final SerializationPair<String> STRINGS = SerializationPair.fromSerializer(RedisSerializer.string());

	private final ReactiveRedisConnectionFactory connectionFactory;

	private final ReactiveStringRedisTemplate redis;

	private final String channel;

	private final Consumer<String> changes;

	private final Runnable forgetAll;

	// tells this instance's messages from the others'
	private final String sender = UUID.randomUUID() + " ";

	private final AtomicInteger publishing = new AtomicInteger();

	private final AtomicLong subscriptions = new AtomicLong();

	private final AtomicBoolean forgetting = new AtomicBoolean();

	private final AtomicReference<@Nullable Disposable> subscription = new AtomicReference<>();

	// the connection factory may connect, and Caffeine may wait for its lock: never on Redis' event loop
	private Scheduler scheduler = Schedulers.boundedElastic();

	private Duration publishTimeout = Duration.ofSeconds(2);

	private int maxPublishing = 1_000;

	private Duration firstBackoff = Duration.ofMillis(100);

	private Duration maxBackoff = Duration.ofSeconds(10);

	/**
	 * Creates a channel; it listens once {@link #start() started}.
	 * @param connectionFactory the Redis connections
	 * @param channel the channel's name, one per kind of cache
	 * @param changes told of each change another instance made: the {@code change} it
	 * {@link #publish published}
	 * @param forgetAll told whenever messages may have been missed, such as each time the
	 * channel is subscribed, first or again: everything kept should be forgotten
	 */
	public RedisCacheInvalidationChannel(ReactiveRedisConnectionFactory connectionFactory, String channel,
			Consumer<String> changes, Runnable forgetAll) {
		Assert.notNull(connectionFactory, "connectionFactory cannot be null");
		Assert.hasText(channel, "channel cannot be empty");
		Assert.notNull(changes, "changes cannot be null");
		Assert.notNull(forgetAll, "forgetAll cannot be null");
		this.connectionFactory = connectionFactory;
		this.redis = new ReactiveStringRedisTemplate(connectionFactory);
		this.channel = channel;
		this.changes = changes;
		this.forgetAll = forgetAll;
	}

	/**
	 * Sets how long a message may take to reach Redis before it is given up. Defaults to
	 * 2 seconds.
	 * @param publishTimeout the timeout
	 */
	public void setPublishTimeout(Duration publishTimeout) {
		Assert.isTrue(isPositive(publishTimeout), "publishTimeout must be positive");
		this.publishTimeout = publishTimeout;
	}

	/**
	 * Sets how many messages may be on their way at once, such as while Redis does not
	 * answer; beyond it a message is dropped. Defaults to 1,000.
	 * @param maxPublishing the bound
	 */
	public void setMaxPublishing(int maxPublishing) {
		Assert.isTrue(maxPublishing > 0, "maxPublishing must be positive");
		this.maxPublishing = maxPublishing;
	}

	/**
	 * Sets how long to wait before subscribing again after the subscription failed: the
	 * first wait, doubled up to the longest. Defaults to 100 milliseconds and 10 seconds.
	 * @param firstBackoff the first wait
	 * @param maxBackoff the longest wait
	 */
	public void setResubscribeBackoff(Duration firstBackoff, Duration maxBackoff) {
		Assert.isTrue(isPositive(firstBackoff), "firstBackoff must be positive");
		Assert.isTrue(maxBackoff != null && maxBackoff.compareTo(firstBackoff) >= 0,
				"maxBackoff must not be shorter than firstBackoff");
		this.firstBackoff = firstBackoff;
		this.maxBackoff = maxBackoff;
	}

	/**
	 * Sets where received messages are applied and messages are sent from. Defaults to
	 * {@link Schedulers#boundedElastic()}.
	 * @param scheduler the scheduler
	 */
	public void setScheduler(Scheduler scheduler) {
		Assert.notNull(scheduler, "scheduler cannot be null");
		this.scheduler = scheduler;
	}

	/**
	 * The channel's name.
	 * @return the name
	 */
	public String getChannel() {
		return this.channel;
	}

	/**
	 * Tells the other instances of a change, without waiting for Redis.
	 * @param change what the change touched, in words the receivers understand; never a
	 * secret: every subscriber of the channel reads it
	 */
	public void publish(String change) {
		if (this.publishing.incrementAndGet() > this.maxPublishing) {
			this.publishing.decrementAndGet();
			logger.warn("Did not tell other instances of a change on channel '" + this.channel + "': "
					+ this.maxPublishing + " messages are still on their way to Redis; they forget it when their "
					+ "entries expire");
			return;
		}
		this.redis.convertAndSend(this.channel, this.sender + change)
			.subscribeOn(this.scheduler)
			.timeout(this.publishTimeout)
			.doFinally((signal) -> this.publishing.decrementAndGet())
			.subscribe(null, (ex) -> logger.warn("Could not tell other instances of a change on channel '"
					+ this.channel + "' (" + ex + "); they forget it when their entries expire"));
	}

	/**
	 * Starts listening; returns at once, subscribing in the background until
	 * {@link #stop() stopped}.
	 */
	public void start() {
		if (this.subscription.get() != null) {
			return;
		}
		Disposable listening = Flux
			.usingWhen(Mono.fromCallable(() -> new ReactiveRedisMessageListenerContainer(this.connectionFactory)),
					(container) -> container.receive(List.of(ChannelTopic.of(this.channel)), STRINGS, STRINGS,
							new ResubscriptionListener()),
					(container) -> container.destroyLater().timeout(CLOSE_TIMEOUT).onErrorComplete())
			.subscribeOn(this.scheduler)
			// the container only ends when cancelled: anything else is a failure to recover from
			.concatWith(Mono.error(() -> new IllegalStateException("The subscription ended")))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, this.firstBackoff)
				.maxBackoff(this.maxBackoff)
				.transientErrors(true)
				.doBeforeRetry(this::willSubscribeAgain))
			.onBackpressureBuffer(MAX_WAITING, this::dropped, BufferOverflowStrategy.DROP_LATEST)
			.publishOn(this.scheduler)
			.subscribe(this::received, (ex) -> logger.error("Stopped listening on channel '" + this.channel + "'", ex));
		if (!this.subscription.compareAndSet(null, listening)) {
			listening.dispose();
		}
	}

	/**
	 * Stops listening.
	 */
	public void stop() {
		Disposable listening = this.subscription.getAndSet(null);
		if (listening != null) {
			listening.dispose();
		}
	}

	/**
	 * Whether it listens, or tries to.
	 * @return whether it is started
	 */
	public boolean isRunning() {
		return this.subscription.get() != null;
	}

	private static boolean isPositive(@Nullable Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

	private void willSubscribeAgain(Retry.RetrySignal signal) {
		String message = "Could not listen on channel '" + this.channel + "' (" + signal.failure()
				+ "); trying again, meanwhile changes made on other instances are seen when entries expire";
		if (signal.totalRetriesInARow() == 0) {
			logger.warn(message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
	}

	private void dropped(Message<String, String> message) {
		if (this.forgetting.compareAndSet(false, true)) {
			logger.warn("More than " + MAX_WAITING + " changes from channel '" + this.channel
					+ "' wait to be applied: dropping them and forgetting every cache entry instead");
			this.scheduler.schedule(() -> {
				this.forgetting.set(false);
				this.forgetAll.run();
			});
		}
	}

	private void received(Message<String, String> message) {
		String body = message.getMessage();
		if (body.startsWith(this.sender)) {
			return;
		}
		int space = body.indexOf(' ');
		try {
			this.changes.accept((space > 0) ? body.substring(space + 1) : body);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not apply a change made on another instance, from channel '" + this.channel + "'", ex);
		}
	}

	private final class ResubscriptionListener implements SubscriptionListener {

		@Override
		public void onChannelSubscribed(byte[] channel, long count) {
			long subscription = RedisCacheInvalidationChannel.this.subscriptions.incrementAndGet();
			String name = RedisCacheInvalidationChannel.this.channel;
			if (subscription > 1) {
				logger.info("Listening again on channel '" + name
						+ "': forgetting every cache entry, since changes may have been missed");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Listening on channel '" + name + "'");
			}
			try {
				RedisCacheInvalidationChannel.this.scheduler.schedule(RedisCacheInvalidationChannel.this.forgetAll);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not forget the cache entries after subscribing to channel '" + name + "'", ex);
			}
		}

	}

}
