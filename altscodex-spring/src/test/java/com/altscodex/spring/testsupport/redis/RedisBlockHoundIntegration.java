package com.altscodex.spring.testsupport.redis;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

import org.springframework.util.ClassUtils;

/**
 * Prepares Lettuce (7.5) and Spring Data Redis (4.1) for BlockHound, letting through the
 * short locks they take on event loops, and nothing else of theirs:
 * <ul>
 * <li>Lettuce's {@code SharedLock}: every command written counts its writer under a
 * lock, held for a counter update (lettuce#2510). A BlockHound error thrown inside it
 * leaves the lock held and wedges every later command (lettuce#3804), so it must not be
 * reported there.</li>
 * <li>Spring Data Redis reads its one shared connection under the factory's lock
 * ({@code LettuceConnectionFactory.getOrCreateSharedReactiveConnection},
 * {@code SharedConnection.getConnection}). The lock covers a connect only while the
 * shared connection does not exist yet, which the starter's Redis components avoid by
 * making it at start-up, off the event loops; Lettuce reconnects it by itself
 * afterwards, outside the lock.</li>
 * </ul>
 * Registered in {@code META-INF/services/reactor.blockhound.integration.BlockHoundIntegration}.
 */
public final class RedisBlockHoundIntegration implements BlockHoundIntegration {

	private static final String SHARED_LOCK = "io.lettuce.core.protocol.SharedLock";

	private static final String FACTORY = "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";

	@Override
	public void applyTo(BlockHound.Builder builder) {
		ClassLoader classLoader = RedisBlockHoundIntegration.class.getClassLoader();
		if (ClassUtils.isPresent(SHARED_LOCK, classLoader)) {
			builder.allowBlockingCallsInside(SHARED_LOCK, "incrementWriters");
			builder.allowBlockingCallsInside(SHARED_LOCK, "decrementWriters");
		}
		if (ClassUtils.isPresent(FACTORY, classLoader)) {
			builder.allowBlockingCallsInside(FACTORY, "getOrCreateSharedReactiveConnection");
			builder.allowBlockingCallsInside(FACTORY + "$SharedConnection", "getConnection");
		}
	}

}
