package com.altscodex.spring.autoconfigure.redis;

import java.util.Locale;

import com.altscodex.spring.autoconfigure.InvalidAltsCodexPropertyException;

import org.springframework.core.env.PropertyResolver;

/**
 * Where the starter keeps what must hold across instances: {@code memory} (this instance
 * only, the default) or {@code redis}. {@value #PENDING_STORE_PROPERTY} chooses for
 * pending logins and is the default of every other feature's store property.
 */
public final class AltsCodexStores {

	/** The property that chooses the store of pending logins, and the default of the others. */
	public static final String PENDING_STORE_PROPERTY = "altscodex.pending.store";

	/** State kept in this instance's memory. */
	public static final String MEMORY = "memory";

	/** State kept in Redis, shared by every instance. */
	public static final String REDIS = "redis";

	private AltsCodexStores() {
	}

	/**
	 * The store a feature uses.
	 * @param properties the environment
	 * @param property the feature's own store property
	 * @return {@link #MEMORY} or {@link #REDIS}
	 * @throws InvalidAltsCodexPropertyException when a property names another store
	 */
	public static String store(PropertyResolver properties, String property) {
		String own = properties.getProperty(property);
		if (own != null && !own.isBlank()) {
			return check(property, own);
		}
		String pending = properties.getProperty(PENDING_STORE_PROPERTY);
		return (pending != null && !pending.isBlank()) ? check(PENDING_STORE_PROPERTY, pending) : MEMORY;
	}

	/**
	 * Whether a feature uses Redis.
	 * @param properties the environment
	 * @param property the feature's own store property
	 * @return whether its store is {@link #REDIS}
	 */
	public static boolean isRedis(PropertyResolver properties, String property) {
		return REDIS.equals(store(properties, property));
	}

	private static String check(String property, String value) {
		String store = value.trim().toLowerCase(Locale.ROOT);
		if (!MEMORY.equals(store) && !REDIS.equals(store)) {
			throw new InvalidAltsCodexPropertyException(property, "'" + value + "' is not a store",
					"Set " + property + " to 'memory' (this instance only) or 'redis' (shared by every instance).");
		}
		return store;
	}

}
