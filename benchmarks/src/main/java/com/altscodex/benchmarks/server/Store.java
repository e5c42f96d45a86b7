package com.altscodex.benchmarks.server;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where an app keeps its pending logins and its sessions ({@code --bench.store}):
 * {@link #MEMORY}, as every stage but the cluster stage runs, or {@link #REDIS}, an
 * instance of several that share a Redis.
 */
public enum Store {

	/**
	 * In the instance's memory: the starter's in-memory pending-login registry and
	 * WebFlux's in-memory sessions. Every Redis and Spring Session auto-configuration on
	 * the classpath is excluded, so that the app runs as it did before the module had
	 * them.
	 */
	MEMORY,

	/**
	 * On Redis: {@code altscodex.pending.store=redis} and Spring Session Data Redis's
	 * sessions, on the Redis of {@code spring.data.redis.url}, under the key prefix of
	 * {@value #KEY_PREFIX_PROPERTY}.
	 */
	REDIS;

	/** The property of the prefix of every key and channel the app writes in Redis. */
	public static final String KEY_PREFIX_PROPERTY = "bench.redis.key-prefix";

	private static final String BOOT_REDIS = "org.springframework.boot.data.redis.";

	private static final String BOOT_SESSION = "org.springframework.boot.session.";

	/**
	 * The value of the {@code bench.store} property, e.g. {@code redis}.
	 */
	public String propertyValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Store of(String value) {
		for (Store store : values()) {
			if (store.propertyValue().equals(value)) {
				return store;
			}
		}
		throw new IllegalArgumentException("bench.store is memory or redis, not " + value);
	}

	/**
	 * The auto-configurations this store excludes: for {@link #MEMORY} every Redis and
	 * Spring Session auto-configuration on the classpath (Boot's Data Redis, its health
	 * and metrics, Spring Session), found in the imports files rather than listed by
	 * name; none for {@link #REDIS}.
	 */
	public Set<String> excludedAutoConfigurations(ClassLoader classLoader) {
		return (this == MEMORY) ? Variant.autoConfigurations(classLoader, Store::isRedisOrSession) : new TreeSet<>();
	}

	static boolean isRedisOrSession(String autoConfiguration) {
		return autoConfiguration.startsWith(BOOT_REDIS) || autoConfiguration.startsWith(BOOT_SESSION);
	}

	/**
	 * The properties this store gives the app unless its command line says otherwise:
	 * for {@link #REDIS}, the starter's pending logins on Redis and the sessions' and
	 * pending logins' keys under {@code keyPrefix}; none for {@link #MEMORY}, the
	 * starter's default.
	 */
	Map<String, Object> defaults(String keyPrefix) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		if (this == REDIS) {
			defaults.put("altscodex.pending.store", "redis");
			defaults.put("altscodex.pending.redis.key-prefix", keyPrefix + "pending:");
			defaults.put("spring.session.data.redis.namespace", keyPrefix + "session");
		}
		return defaults;
	}

}
