package com.altscodex.spring.testsupport;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

import org.springframework.util.ClassUtils;

/**
 * Lets through the {@code StampedLock} that Netty's {@code AdaptivePoolingAllocator}
 * (4.2) takes on an event loop when it adds a magazine for a buffer, which parks an event
 * loop that finds it taken when many connections read at once, as in the tests of
 * several instances (their Redis connections, the proxy's and the simulator's in one
 * JVM). The lock is held for a few instructions, never over I/O; BlockHound's error,
 * thrown inside, is what does harm: a read left half done, after which a Redis
 * connection's answers no longer match its commands. Nothing else of Netty is let
 * through. Lettuce's and Spring Data Redis's short locks are let through by the
 * library's {@code RedisBlockHoundIntegration}. Both are registered in
 * {@code META-INF/services/reactor.blockhound.integration.BlockHoundIntegration}.
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {

	private static final String MAGAZINES = "io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup";

	@Override
	public void applyTo(BlockHound.Builder builder) {
		if (ClassUtils.isPresent(MAGAZINES, NettyAllocatorBlockHoundIntegration.class.getClassLoader())) {
			builder.allowBlockingCallsInside(MAGAZINES, "tryExpandMagazines");
		}
	}

}
