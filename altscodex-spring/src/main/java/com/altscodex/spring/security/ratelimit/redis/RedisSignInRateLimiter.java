package com.altscodex.spring.security.ratelimit.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.Assert;

import com.altscodex.spring.security.ratelimit.InMemorySignInRateLimiter;
import com.altscodex.spring.security.ratelimit.SignInRateLimiter;

/**
 * A token bucket per key in Redis, shared by every instance of the application, so that
 * the limit is the cluster's and not once per instance: a key may make {@code capacity}
 * attempts at once, then {@code refillTokens} more every {@code refillPeriod}, as with
 * {@link InMemorySignInRateLimiter}. Bucket4j's compare-and-swap buckets on Lettuce,
 * asked asynchronously: no thread waits for Redis.
 * <p>
 * A bucket lives under {@code keyPrefix} followed by a hash of the key, so a client's
 * address is never written in clear, and expires once it would be full again (a full
 * bucket is the same as none): Redis holds only the clients that are being limited.
 * <p>
 * <strong>When Redis cannot answer</strong>, within {@link #setTimeout(Duration) the
 * timeout} or at all, the attempt is decided by the {@code fallback}, a limiter of this
 * instance's own, and Redis is not asked again for {@link #setRetryInterval(Duration) a
 * while}; then one attempt asks it again. Neither failing open (no limit while Redis is
 * down: an attacker who can slow Redis lifts the limit) nor failing closed (nobody signs
 * in while Redis is down: a Redis outage becomes a sign-in outage): each instance still
 * limits what it sees, so the cluster's limit is at worst the instances' count times the
 * limit, for as long as Redis is away. A sign-in never waits longer than the timeout. The
 * change of mode is logged once each way, at WARN and INFO.
 * <p>
 * The connection is opened with the given Lettuce client, in the background, as the
 * limiter is made (attempts meanwhile wait for it, at most the timeout; when it cannot be
 * opened within ten seconds, the next attempt after the retry interval tries again);
 * Lettuce then reconnects it by itself. {@link #close()} closes it; the client stays
 * its owner's.
 */
public final class RedisSignInRateLimiter implements SignInRateLimiter, AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisSignInRateLimiter.class);

	// beyond full: a bucket that is full again is gone a moment later
	private static final Duration KEEP_WHEN_FULL = Duration.ofSeconds(1);

	private static final HexFormat HEX = HexFormat.of();

	// Lettuce's own wait on a connection has no bound but the handshake's command timeout
	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private final AbstractRedisClient client;

	private final byte[] keyPrefix;

	private final String description;

	private final BucketConfiguration configuration;

	private final SignInRateLimiter fallback;

	private final Mono<AsyncProxyManager<byte[]>> buckets;

	private final AtomicReference<StatefulConnection<byte[], byte[]>> connection = new AtomicReference<>();

	private final AtomicBoolean probing = new AtomicBoolean();

	private volatile Duration timeout = Duration.ofSeconds(1);

	private volatile Duration retryInterval = Duration.ofSeconds(5);

	private volatile boolean unavailable;

	private volatile long askAgainAt;

	private volatile boolean closed;

	/**
	 * Creates a limiter.
	 * @param client the Lettuce client of the Redis server (a {@link RedisClient} or a
	 * {@link RedisClusterClient})
	 * @param keyPrefix what every key of this limiter starts with, such as
	 * {@code altscodex:ratelimit:sign-in:}; each limit needs its own
	 * @param capacity the attempts a key may make at once
	 * @param refillTokens the attempts given back every period
	 * @param refillPeriod the period
	 * @param fallback decides while Redis cannot answer, such as an
	 * {@link InMemorySignInRateLimiter} with the same allowance
	 */
	public RedisSignInRateLimiter(AbstractRedisClient client, String keyPrefix, long capacity, long refillTokens,
			Duration refillPeriod, SignInRateLimiter fallback) {
		Assert.isTrue(client instanceof RedisClient || client instanceof RedisClusterClient,
				"client must be a RedisClient or a RedisClusterClient");
		Assert.hasText(keyPrefix, "keyPrefix cannot be empty");
		Assert.isTrue(capacity > 0, "capacity must be positive");
		Assert.isTrue(refillTokens > 0, "refillTokens must be positive");
		Assert.isTrue(refillPeriod != null && !refillPeriod.isNegative() && !refillPeriod.isZero(),
				"refillPeriod must be positive");
		Assert.notNull(fallback, "fallback cannot be null");
		this.client = client;
		this.keyPrefix = keyPrefix.getBytes(StandardCharsets.UTF_8);
		this.description = "'" + keyPrefix + "'";
		this.configuration = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(refillTokens, refillPeriod).build())
			.build();
		this.fallback = fallback;
		sha256();
		// one connection for all attempts; a failed attempt to open it is not kept, the next one tries again
		this.buckets = Mono.create(this::connect)
			.timeout(CONNECT_TIMEOUT)
			.cache((manager) -> Duration.ofMillis(Long.MAX_VALUE), (ex) -> Duration.ZERO, () -> Duration.ZERO);
		// opening it takes a while in a new JVM: at once, so that the first sign-ins need not wait
		this.buckets.subscribe(null, this::unavailable);
	}

	/**
	 * Sets how long Redis may take to answer one attempt; beyond it, the fallback
	 * decides. Defaults to one second.
	 * @param timeout the timeout
	 */
	public void setTimeout(Duration timeout) {
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
		this.timeout = timeout;
	}

	/**
	 * Sets how long the fallback decides alone after Redis failed to answer, before Redis
	 * is asked again. Defaults to five seconds.
	 * @param retryInterval the interval
	 */
	public void setRetryInterval(Duration retryInterval) {
		Assert.isTrue(retryInterval != null && !retryInterval.isNegative(), "retryInterval cannot be negative");
		this.retryInterval = retryInterval;
	}

	@Override
	public Mono<Decision> tryAcquire(String key) {
		return decide(key, (buckets, redisKey) -> buckets.builder()
			.build(redisKey, this.configuration)
			.tryConsumeAndReturnRemaining(1)
			.thenApply((probe) -> probe.isConsumed() ? Decision.ALLOWED
					: Decision.refused(Duration.ofNanos(probe.getNanosToWaitForRefill()))),
				this.fallback::tryAcquire);
	}

	/**
	 * Tells whether a key has an attempt left, taking none; a key without a bucket in
	 * Redis has its whole allowance, and none is made for asking.
	 */
	@Override
	public Mono<Decision> check(String key) {
		return decide(key, (buckets, redisKey) -> buckets.getProxyConfiguration(redisKey)
			.thenCompose((existing) -> existing.isEmpty() ? CompletableFuture.completedFuture(Decision.ALLOWED)
					: buckets.builder()
						.build(redisKey, this.configuration)
						.estimateAbilityToConsume(1)
						.thenApply((estimate) -> estimate.canBeConsumed() ? Decision.ALLOWED
								: Decision.refused(Duration.ofNanos(estimate.getNanosToWaitForRefill())))),
				this.fallback::check);
	}

	/**
	 * Whether the connection to Redis is open.
	 * @return whether it is open
	 */
	public boolean isConnected() {
		StatefulConnection<byte[], byte[]> connection = this.connection.get();
		return connection != null && connection.isOpen();
	}

	/**
	 * Whether the fallback decides now, Redis having failed to answer.
	 * @return whether Redis is taken for unavailable
	 */
	public boolean isRedisUnavailable() {
		return this.unavailable;
	}

	private Mono<Decision> decide(String key,
			BiFunction<AsyncProxyManager<byte[]>, byte[], CompletableFuture<Decision>> redis,
			Function<String, Mono<Decision>> fallback) {
		if (this.closed) {
			return fallback.apply(key);
		}
		boolean probe = false;
		if (this.unavailable) {
			// while Redis is away, one attempt at a time asks it, once the interval is over
			if (System.nanoTime() - this.askAgainAt < 0 || !this.probing.compareAndSet(false, true)) {
				return fallback.apply(key);
			}
			probe = true;
		}
		Mono<Decision> decision = this.buckets
			.flatMap((buckets) -> Mono.fromFuture(() -> redis.apply(buckets, redisKey(key))))
			.timeout(this.timeout)
			.doOnNext((answered) -> available())
			.onErrorResume((ex) -> {
				unavailable(ex);
				return fallback.apply(key);
			});
		return probe ? decision.doFinally((signal) -> this.probing.set(false)) : decision;
	}

	private void available() {
		if (this.unavailable) {
			this.unavailable = false;
			logger.info("Redis answers the rate limit " + this.description + " again; the limit is the cluster's");
		}
	}

	private void unavailable(Throwable ex) {
		this.askAgainAt = System.nanoTime() + this.retryInterval.toNanos();
		if (!this.unavailable) {
			this.unavailable = true;
			String why = (ex instanceof TimeoutException) ? "no answer within " + this.timeout : ex.toString();
			logger.warn("Redis cannot answer the rate limit " + this.description + " (" + why
					+ "); each instance limits on its own until it does, asking it again every " + this.retryInterval);
		}
	}

	// Lettuce's connect blocks: off the caller's thread; one given up on (timed out) is closed
	private void connect(MonoSink<AsyncProxyManager<byte[]>> sink) {
		AtomicBoolean abandoned = new AtomicBoolean();
		Disposable task = Schedulers.boundedElastic().schedule(() -> {
			StatefulConnection<byte[], byte[]> connection = null;
			try {
				Assert.state(!this.closed, "closed");
				connection = (this.client instanceof RedisClusterClient cluster)
						? cluster.connect(ByteArrayCodec.INSTANCE)
						: ((RedisClient) this.client).connect(ByteArrayCodec.INSTANCE);
				AsyncProxyManager<byte[]> buckets = buckets(connection);
				this.connection.set(connection);
				if (this.closed || abandoned.get()) {
					this.connection.compareAndSet(connection, null);
					connection.closeAsync();
					sink.error(new IllegalStateException("closed"));
				}
				else {
					sink.success(buckets);
				}
			}
			catch (RuntimeException ex) {
				if (connection != null) {
					connection.closeAsync();
				}
				if (!abandoned.get()) {
					sink.error(ex);
				}
			}
		});
		sink.onCancel(() -> {
			abandoned.set(true);
			task.dispose();
		});
	}

	@SuppressWarnings("unchecked")
	private static AsyncProxyManager<byte[]> buckets(StatefulConnection<byte[], byte[]> connection) {
		ExpirationAfterWriteStrategy expiration = ExpirationAfterWriteStrategy
			.basedOnTimeForRefillingBucketUpToMax(KEEP_WHEN_FULL);
		if (connection instanceof StatefulRedisClusterConnection<?, ?> cluster) {
			return Bucket4jLettuce.casBasedBuilder((StatefulRedisClusterConnection<byte[], byte[]>) cluster)
				.expirationAfterWrite(expiration)
				.build()
				.asAsync();
		}
		return Bucket4jLettuce.casBasedBuilder((StatefulRedisConnection<byte[], byte[]>) connection)
			.expirationAfterWrite(expiration)
			.build()
			.asAsync();
	}

	private byte[] redisKey(String key) {
		byte[] hash = sha256().digest(key.getBytes(StandardCharsets.UTF_8));
		byte[] hex = HEX.formatHex(hash, 0, 16).getBytes(StandardCharsets.US_ASCII);
		byte[] redisKey = new byte[this.keyPrefix.length + hex.length];
		System.arraycopy(this.keyPrefix, 0, redisKey, 0, this.keyPrefix.length);
		System.arraycopy(hex, 0, redisKey, this.keyPrefix.length, hex.length);
		return redisKey;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/**
	 * Closes the connection to Redis, if one was opened; the fallback decides from then
	 * on.
	 */
	@Override
	public void close() {
		this.closed = true;
		StatefulConnection<byte[], byte[]> connection = this.connection.getAndSet(null);
		// the client's owner may have shut it down already, and the connection with it
		if (connection != null && connection.isOpen()) {
			connection.closeAsync();
		}
	}

	@Override
	public String toString() {
		return "RedisSignInRateLimiter[" + this.description + "]";
	}

}
