package com.altscodex.spring.autoconfigure.redis;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

import org.springframework.session.SessionIdGenerator;

/**
 * Session ids as Spring Session makes them by default, random (version 4) UUIDs, but
 * drawn from a DRBG seeded once, at start-up: {@link UUID#randomUUID()} reads the
 * operating system's random source at each call, on the thread that creates the session,
 * a server thread that must not do I/O.
 */
final class DrbgSessionIdGenerator implements SessionIdGenerator {

	private final SecureRandom random;

	DrbgSessionIdGenerator() {
		try {
			this.random = SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform since 9 has a DRBG", ex);
		}
		// seeds it now, rather than at the first session
		this.random.nextBytes(new byte[16]);
	}

	@Override
	public String generate() {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
		bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		return new UUID(buffer.getLong(), buffer.getLong()).toString();
	}

}
