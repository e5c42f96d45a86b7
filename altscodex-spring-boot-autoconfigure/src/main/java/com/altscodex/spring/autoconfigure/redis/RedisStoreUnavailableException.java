package com.altscodex.spring.autoconfigure.redis;

import com.altscodex.spring.autoconfigure.InvalidAltsCodexPropertyException;

/**
 * Thrown at start-up when a feature's store is {@code redis} but the application has no
 * Redis for it to use: rather than keep the state in each instance's memory, which would
 * quietly make a cluster-wide limit or registry one per instance.
 */
public class RedisStoreUnavailableException extends InvalidAltsCodexPropertyException {

	/**
	 * Creates an exception.
	 * @param property the feature's store property, such as
	 * {@code altscodex.security.rate-limit.store}
	 * @param feature what would be kept in Redis, such as "the sign-in rate limit"
	 * @param requirement what must be on the classpath besides Spring Data Redis on Lettuce
	 */
	public RedisStoreUnavailableException(String property, String feature, String requirement) {
		super(property, "Property '" + property + "' (or '" + AltsCodexStores.PENDING_STORE_PROPERTY
				+ "', when it is not set) keeps " + feature + " in Redis, but the application has no Redis for it: that"
				+ " needs Spring Data Redis on Lettuce (a LettuceConnectionFactory bean, such as Spring Boot's from"
				+ " 'spring.data.redis.*') and " + requirement + " on the classpath.",
				"Add spring-boot-starter-data-redis and " + requirement + " to the application, or set '" + property
						+ "' to 'memory'.");
	}

}
