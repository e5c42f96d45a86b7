package com.altscodex.spring.client.pending.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.ReactiveSubscription;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.util.Assert;
import org.springframework.web.util.UriUtils;

import com.altscodex.spring.client.pending.AuthorizationCallback;
import com.altscodex.spring.client.pending.CallbackDelivery;
import com.altscodex.spring.client.pending.ClaimResult;
import com.altscodex.spring.client.pending.InMemoryPendingLoginRegistry;
import com.altscodex.spring.client.pending.PendingLogin;
import com.altscodex.spring.client.pending.PendingLoginRegistry;
import com.altscodex.spring.client.pending.PendingLoginStoreException;
import com.altscodex.spring.client.pending.StateAbbreviation;

/**
 * A {@link PendingLoginRegistry} for an application that runs on several instances
 * behind a load balancer, where DeOAuth's callback may land on any of them.
 * <p>
 * Each login waits where it started, in this instance's memory, as in
 * {@link InMemoryPendingLoginRegistry}; in Redis, a key per login (a hash of its state,
 * never the state itself) names the instance that owns it, for as long as the login may
 * wait and a margin, no longer. A callback, wherever it lands, claims that key in one
 * atomic step (a script that marks it claimed and answers its owner), so that of two
 * copies of a callback reaching two instances at the same moment one claims it and the
 * other finds it claimed: one code exchange per callback across the cluster. The
 * claiming instance hands the callback to its own login, or publishes it on the owner's
 * channel, one per instance; the owner settles its login and exchanges the code, and its
 * timeout stays the only one. An owner that dies leaves keys that expire; a receiver that
 * dies after claiming leaves a login that times out.
 * <p>
 * Every Redis command is bounded by the {@linkplain #setCommandTimeout command
 * timeout}: a login whose key cannot be written within it fails with
 * {@link PendingLoginStoreException} before anything is sent to DeOAuth, rather than
 * wait for a callback that could not find it. Each login tries Redis afresh, so the
 * registry recovers by itself when Redis returns; Lettuce reconnects, and should the
 * channel subscription end, the registry subscribes again with a backoff.
 * <p>
 * Messages carry the callback (state, code, success): they are published to one
 * instance's channel and kept nowhere. Keys hold the owner's id and the client's
 * registration name, nothing secret. Needs Redis 6.0 or later.
 */
public final class RedisPendingLoginRegistry implements PendingLoginRegistry, SmartLifecycle {

	/** The {@linkplain #storeMode() store mode} of this registry. */
	public static final String STORE_MODE = "redis";

	/** The default prefix of the registry's keys and channels. */
	public static final String DEFAULT_KEY_PREFIX = "altscodex:";

	private static final Log logger = LogFactory.getLog(RedisPendingLoginRegistry.class);

	private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final String CLAIMED_MARK = "!";

	/*
	 * Answers nil for an unknown state, the record marked claimed for a claimed one,
	 * and, for an unclaimed one, the record, after marking it claimed without touching
	 * its expiry. One script, so that no second callback can slip between the read and
	 * the mark.
	 */
	private static final RedisScript<String> CLAIM = RedisScript.of("""
			local record = redis.call('GET', KEYS[1])
			if not record then return false end
			if string.sub(record, 1, 1) == ARGV[1] then return record end
			redis.call('SET', KEYS[1], ARGV[1] .. record, 'KEEPTTL')
			return record
			""", String.class);

	private final InMemoryPendingLoginRegistry local = new InMemoryPendingLoginRegistry();

	private final ReactiveRedisConnectionFactory connectionFactory;

	private final ReactiveStringRedisTemplate redis;

	private String keyPrefix = DEFAULT_KEY_PREFIX;

	private String instanceId = UUID.randomUUID().toString();

	private Duration commandTimeout = Duration.ofSeconds(2);

	private Duration timeToLiveMargin = Duration.ofSeconds(30);

	private Duration defaultTimeout = Duration.ofMinutes(1);

	private volatile boolean listening;

	private volatile @Nullable Disposable subscription;

	private volatile @Nullable ReactiveRedisMessageListenerContainer container;

	/**
	 * Creates a registry on a Redis connection factory, such as Spring Boot's.
	 * @param connectionFactory the connection factory
	 */
	public RedisPendingLoginRegistry(ReactiveRedisConnectionFactory connectionFactory) {
		Assert.notNull(connectionFactory, "connectionFactory cannot be null");
		this.connectionFactory = connectionFactory;
		this.redis = new ReactiveStringRedisTemplate(connectionFactory);
	}

	/**
	 * Sets the prefix of the registry's keys and channels, so that several applications
	 * can share a Redis. Defaults to {@value #DEFAULT_KEY_PREFIX}. Every instance of an
	 * application must use the same prefix.
	 * @param keyPrefix the prefix
	 */
	public void setKeyPrefix(String keyPrefix) {
		Assert.hasText(keyPrefix, "keyPrefix must not be empty");
		this.keyPrefix = keyPrefix;
	}

	/**
	 * Sets the id of this instance, which names its channel and the logins it owns.
	 * Defaults to a random UUID, fresh at every start: an instance that restarts does not
	 * take over the logins of its former self, which ended with it. Set before
	 * {@link #start()}.
	 * @param instanceId letters, digits, '.', '_' or '-', at most 64
	 */
	public void setInstanceId(String instanceId) {
		Assert.isTrue(instanceId != null && INSTANCE_ID.matcher(instanceId).matches(),
				"instanceId must be 1 to 64 letters, digits, '.', '_' or '-'");
		Assert.state(!isRunning(), "The instance id cannot change while the registry runs");
		this.instanceId = instanceId;
	}

	/**
	 * Sets how long a Redis command may take before the login or callback it serves
	 * fails. Defaults to 2 seconds.
	 * @param commandTimeout the timeout
	 */
	public void setCommandTimeout(Duration commandTimeout) {
		Assert.isTrue(commandTimeout != null && !commandTimeout.isNegative() && !commandTimeout.isZero(),
				"commandTimeout must be positive");
		this.commandTimeout = commandTimeout;
	}

	/**
	 * Sets how much longer than its login's timeout a key lives in Redis: time for a
	 * callback that comes at the last moment to be claimed and forwarded. Defaults to 30
	 * seconds.
	 * @param timeToLiveMargin the margin
	 */
	public void setTimeToLiveMargin(Duration timeToLiveMargin) {
		Assert.isTrue(timeToLiveMargin != null && !timeToLiveMargin.isNegative(),
				"timeToLiveMargin must not be negative");
		this.timeToLiveMargin = timeToLiveMargin;
	}

	/**
	 * Sets the timeout assumed for logins registered without one. Defaults to a minute.
	 * @param defaultTimeout the timeout
	 */
	public void setDefaultTimeout(Duration defaultTimeout) {
		Assert.isTrue(defaultTimeout != null && !defaultTimeout.isNegative() && !defaultTimeout.isZero(),
				"defaultTimeout must be positive");
		this.defaultTimeout = defaultTimeout;
	}

	/**
	 * The id of this instance.
	 */
	public String getInstanceId() {
		return this.instanceId;
	}

	/**
	 * The channel this instance receives its logins' callbacks on.
	 * @return the channel's name
	 */
	public String getChannel() {
		return channel(this.instanceId);
	}

	/**
	 * The Redis key of a login's state: the prefix and a hash of the state.
	 * @param state the state
	 * @return the key
	 */
	public String key(String state) {
		return this.keyPrefix + "pending:" + hash(state);
	}

	/**
	 * Subscribes to this instance's channel; logins are refused until the subscription
	 * is in place. If Redis cannot be reached, it keeps trying with a backoff.
	 */
	@Override
	public void start() {
		if (this.subscription != null) {
			return;
		}
		warmUp();
		ChannelTopic topic = ChannelTopic.of(getChannel());
		this.subscription = Mono.defer(() -> {
			ReactiveRedisMessageListenerContainer listeners = new ReactiveRedisMessageListenerContainer(
					this.connectionFactory);
			this.container = listeners;
			return listeners.receiveLater(topic)
				.doOnNext((messages) -> {
					this.listening = true;
					logger.debug("Receiving callbacks on this instance's channel");
				})
				.flatMapMany((messages) -> messages)
				.doOnNext(this::received)
				.doFinally((signal) -> {
					this.listening = false;
					listeners.destroyLater().subscribe(null, (ex) -> logger.debug("Could not close a subscription", ex));
				})
				.then();
		}).doOnError((ex) -> logger.warn("Not subscribed to this instance's channel in Redis, trying again: "
				+ ex.getClass().getName()))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(5)))
			// a subscription that ended without an error (the connection closed) is made again
			.repeatWhen((ended) -> ended.delayElements(Duration.ofMillis(100)))
			.subscribe();
	}

	/*
	 * Spring Data Redis makes its shared connection on first use, connecting under a lock:
	 * made here, on the thread that starts the application, no event loop ever waits for
	 * it. Lettuce reconnects it by itself afterwards. Redis down now is no failure: the
	 * first command connects, and the registry fails logins until then.
	 */
	private void warmUp() {
		try {
			this.connectionFactory.getReactiveConnection().close();
		}
		catch (RuntimeException ex) {
			logger.warn("Redis cannot be reached at start-up; logins fail until it can: " + ex.getClass().getName());
		}
	}

	/**
	 * Unsubscribes: logins of this instance receive no more callbacks from others.
	 */
	@Override
	public void stop() {
		Disposable subscribed = this.subscription;
		this.subscription = null;
		this.listening = false;
		if (subscribed != null) {
			subscribed.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		return this.subscription != null;
	}

	/**
	 * Started before, and stopped after, the clients whose logins it holds.
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 2000;
	}

	@Override
	public @Nullable PendingLogin register(String clientName, String state, int limit) {
		return register(clientName, state, limit, this.defaultTimeout);
	}

	@Override
	public @Nullable PendingLogin register(String clientName, String state, int limit, Duration timeout) {
		Assert.notNull(timeout, "timeout cannot be null");
		Assert.isTrue(clientName != null && clientName.indexOf(' ') < 0, "clientName must not contain a space");
		PendingLogin login = this.local.register(clientName, state, limit);
		return (login != null) ? new RedisLogin(login, timeout.plus(this.timeToLiveMargin)) : null;
	}

	@Override
	public Mono<CallbackDelivery> deliver(AuthorizationCallback callback) {
		Assert.notNull(callback, "callback cannot be null");
		String state = callback.state();
		if (state == null || state.isEmpty()) {
			return Mono.just(CallbackDelivery.unknown());
		}
		return this.redis.execute(CLAIM, List.of(key(state)), List.of(CLAIMED_MARK))
			.next()
			.timeout(this.commandTimeout)
			.onErrorMap((ex) -> storeFailure("claim a callback", ex))
			.flatMap((record) -> route(record, callback))
			.switchIfEmpty(Mono.fromSupplier(() -> {
				if (logger.isDebugEnabled()) {
					logger.debug("Callback for state " + StateAbbreviation.of(state) + " dropped: no login is pending");
				}
				return CallbackDelivery.unknown();
			}));
	}

	private Mono<CallbackDelivery> route(String record, AuthorizationCallback callback) {
		boolean claimedBefore = record.startsWith(CLAIMED_MARK);
		String owned = claimedBefore ? record.substring(CLAIMED_MARK.length()) : record;
		int separator = owned.indexOf(' ');
		if (separator <= 0) {
			return Mono.just(CallbackDelivery.unknown());
		}
		String owner = owned.substring(0, separator);
		String clientName = owned.substring(separator + 1);
		if (claimedBefore) {
			if (logger.isDebugEnabled()) {
				logger.debug("Callback for state " + StateAbbreviation.of(callback.state()) + " dropped: duplicate");
			}
			return Mono.just(new CallbackDelivery(ClaimResult.DUPLICATE, clientName));
		}
		if (owner.equals(this.instanceId)) {
			return this.local.deliver(callback);
		}
		return this.redis.convertAndSend(channel(owner), encode(callback))
			.timeout(this.commandTimeout)
			.onErrorMap((ex) -> storeFailure("forward a callback", ex))
			.map((receivers) -> {
				if (receivers > 0) {
					return new CallbackDelivery(ClaimResult.CLAIMED, clientName);
				}
				// the owner is gone: its login ended with it
				if (logger.isDebugEnabled()) {
					logger.debug("Callback for state " + StateAbbreviation.of(callback.state())
							+ " dropped: the instance that owns it does not listen");
				}
				return CallbackDelivery.unknown();
			});
	}

	private void received(ReactiveSubscription.Message<String, String> message) {
		AuthorizationCallback callback;
		try {
			callback = AuthorizationCallback.parse(message.getMessage());
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Dropped a malformed message on this instance's channel");
			return;
		}
		this.local.deliver(callback).subscribe();
	}

	@Override
	public int size(String clientName) {
		return this.local.size(clientName);
	}

	/**
	 * The number of logins of all clients that this instance has pending.
	 * @return the number of pending logins
	 */
	public int size() {
		return this.local.size();
	}

	@Override
	public long refusedCount(String clientName) {
		return this.local.refusedCount(clientName);
	}

	@Override
	public void failAll(String clientName, Supplier<? extends Throwable> error) {
		this.local.failAll(clientName, error);
	}

	/**
	 * Returns {@value #STORE_MODE}.
	 */
	@Override
	public String storeMode() {
		return STORE_MODE;
	}

	/**
	 * Available when this instance receives its channel and Redis answers a
	 * {@code PING} within the command timeout.
	 */
	@Override
	public Mono<Void> checkAvailable() {
		if (!this.listening) {
			return Mono.error(new PendingLoginStoreException("Not subscribed to this instance's channel", null));
		}
		return this.redis.execute((connection) -> connection.ping())
			.next()
			.timeout(this.commandTimeout)
			.onErrorMap((ex) -> storeFailure("ping Redis", ex))
			.then();
	}

	@Override
	public String toString() {
		return "RedisPendingLoginRegistry[instance=" + this.instanceId + ", pending=" + this.local.size()
				+ ", listening=" + this.listening + "]";
	}

	private String channel(String instance) {
		return this.keyPrefix + "pending:instance:" + instance;
	}

	private PendingLoginStoreException storeFailure(String what, Throwable ex) {
		if (ex instanceof PendingLoginStoreException failure) {
			return failure;
		}
		String reason = (ex instanceof TimeoutException)
				? "Redis did not answer within " + this.commandTimeout.toMillis() + " ms" : ex.getClass().getName();
		return new PendingLoginStoreException("Could not " + what + " in Redis: " + reason, ex);
	}

	// the callback as a query string, which AuthorizationCallback reads back strictly
	private static String encode(AuthorizationCallback callback) {
		StringBuilder message = new StringBuilder(128);
		append(message, "state", callback.state());
		append(message, "code", callback.code());
		append(message, "success", callback.success());
		return message.toString();
	}

	private static void append(StringBuilder message, String name, @Nullable String value) {
		if (value == null) {
			return;
		}
		if (!message.isEmpty()) {
			message.append('&');
		}
		message.append(name).append('=').append(UriUtils.encode(value, StandardCharsets.UTF_8));
	}

	private static String hash(String state) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * A login of this instance: waits in memory, recorded in Redis.
	 */
	private final class RedisLogin implements PendingLogin {

		private final PendingLogin local;

		private final String key;

		private final Duration timeToLive;

		private final AtomicBoolean released = new AtomicBoolean();

		RedisLogin(PendingLogin local, Duration timeToLive) {
			this.local = local;
			this.key = key(local.state());
			this.timeToLive = timeToLive;
		}

		@Override
		public String state() {
			return this.local.state();
		}

		@Override
		public String clientName() {
			return this.local.clientName();
		}

		@Override
		public Mono<Void> ready() {
			RedisPendingLoginRegistry registry = RedisPendingLoginRegistry.this;
			if (!registry.listening) {
				return Mono.error(new PendingLoginStoreException("Not subscribed to this instance's channel", null));
			}
			String record = registry.instanceId + " " + this.local.clientName();
			return registry.redis.opsForValue()
				.setIfAbsent(this.key, record, this.timeToLive)
				.timeout(registry.commandTimeout)
				.onErrorMap((ex) -> registry.storeFailure("record a login", ex))
				.flatMap((recorded) -> recorded ? Mono.empty()
						: Mono.error(new IllegalStateException("A login is already pending under this state")));
		}

		@Override
		public Mono<AuthorizationCallback> callback() {
			return this.local.callback();
		}

		@Override
		public void release() {
			if (!this.released.compareAndSet(false, true)) {
				return;
			}
			this.local.release();
			RedisPendingLoginRegistry registry = RedisPendingLoginRegistry.this;
			registry.redis.delete(this.key)
				.timeout(registry.commandTimeout)
				.subscribe(null, (ex) -> logger.debug("Could not delete an ended login's key; it expires",
						(ex instanceof TimeoutException) ? null : ex));
		}

		@Override
		public String toString() {
			return "RedisPendingLogin[client=" + this.local.clientName() + ", state="
					+ StateAbbreviation.of(this.local.state()) + "]";
		}

	}

}
