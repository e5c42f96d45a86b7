package com.altscodex.spring.autoconfigure.redis;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when a feature keeps its state in Redis: when its own store property (such as
 * {@code altscodex.security.rate-limit.store}) is {@code redis}, or when that property is
 * not set and {@link AltsCodexStores#PENDING_STORE_PROPERTY altscodex.pending.store} is
 * {@code redis}. One line thus moves everything that must hold across instances to Redis,
 * and each feature can still be kept in memory on its own.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnRedisStoreCondition.class)
public @interface ConditionalOnRedisStore {

	/**
	 * The feature's own store property, {@code memory} or {@code redis}.
	 */
	String value();

}
