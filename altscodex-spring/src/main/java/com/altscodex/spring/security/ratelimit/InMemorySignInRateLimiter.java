package com.altscodex.spring.security.ratelimit;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.ConsumptionProbe;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * A token bucket per key, in this JVM, with Bucket4j: a key may make {@code capacity}
 * attempts at once, then {@code refillTokens} more every {@code refillPeriod}. Buckets
 * are lock-free; nothing blocks.
 * <p>
 * At most {@code maxKeys} buckets are kept. When a new key would go beyond, buckets that
 * are full again are dropped first (a full bucket is the same as a new one, so nothing is
 * lost); if that is not enough, arbitrary ones are, down to nine tenths of the bound, and
 * those keys start again with a full bucket. So an attacker with many addresses can at
 * worst reset other keys' allowances, never grow memory or lock anyone out.
 */
public final class InMemorySignInRateLimiter implements SignInRateLimiter {

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final Bandwidth bandwidth;

	private final long capacity;

	private final int maxKeys;

	/**
	 * Creates a limiter.
	 * @param capacity the attempts a key may make at once
	 * @param refillTokens the attempts given back every period
	 * @param refillPeriod the period
	 * @param maxKeys the most keys tracked at once
	 */
	public InMemorySignInRateLimiter(long capacity, long refillTokens, Duration refillPeriod, int maxKeys) {
		Assert.isTrue(capacity > 0, "capacity must be positive");
		Assert.isTrue(refillTokens > 0, "refillTokens must be positive");
		Assert.isTrue(refillPeriod != null && !refillPeriod.isNegative() && !refillPeriod.isZero(), "refillPeriod must be positive");
		Assert.isTrue(maxKeys > 0, "maxKeys must be positive");
		this.bandwidth = Bandwidth.builder().capacity(capacity).refillGreedy(refillTokens, refillPeriod).build();
		this.capacity = capacity;
		this.maxKeys = maxKeys;
	}

	@Override
	public Mono<Decision> tryAcquire(String key) {
		return Mono.fromSupplier(() -> decide(key));
	}

	/**
	 * Tells whether a key has an attempt left, taking none; a key never seen has its whole
	 * allowance and is not tracked for asking.
	 */
	@Override
	public Mono<Decision> check(String key) {
		Bucket bucket = this.buckets.get(key);
		if (bucket == null) {
			return Mono.just(Decision.ALLOWED);
		}
		return Mono.fromSupplier(() -> {
			EstimationProbe estimate = bucket.estimateAbilityToConsume(1);
			return estimate.canBeConsumed() ? Decision.ALLOWED
					: Decision.refused(Duration.ofNanos(estimate.getNanosToWaitForRefill()));
		});
	}

	/**
	 * Takes one attempt from a key's allowance, at once.
	 * @param key the key
	 * @return the decision
	 */
	public Decision decide(String key) {
		Bucket bucket = this.buckets.get(key);
		if (bucket == null) {
			if (this.buckets.size() >= this.maxKeys) {
				makeRoom();
			}
			bucket = this.buckets.computeIfAbsent(key, (newKey) -> Bucket.builder().addLimit(this.bandwidth).build());
		}
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Decision.ALLOWED
				: Decision.refused(Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	/**
	 * The number of keys tracked now.
	 */
	public int size() {
		return this.buckets.size();
	}

	private synchronized void makeRoom() {
		if (this.buckets.size() < this.maxKeys) {
			return;
		}
		this.buckets.values().removeIf((bucket) -> bucket.getAvailableTokens() >= this.capacity);
		int target = this.maxKeys - Math.max(1, this.maxKeys / 10);
		Iterator<Bucket> buckets = this.buckets.values().iterator();
		while (this.buckets.size() > target && buckets.hasNext()) {
			buckets.next();
			buckets.remove();
		}
	}

}
