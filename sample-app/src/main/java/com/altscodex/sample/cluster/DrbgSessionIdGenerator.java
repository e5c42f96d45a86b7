package com.altscodex.sample.cluster;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

import org.springframework.session.SessionIdGenerator;

/**
 * Session ids for Spring Session in the form of its default ({@code UUID.randomUUID()}:
 * 122 random bits), drawn from a DRBG seeded once, here. The default reads
 * {@code /dev/urandom} through {@code NativePRNG} for every new id and every id change at
 * sign-in, a blocking file read on the event loop that answers the request.
 */
final class DrbgSessionIdGenerator implements SessionIdGenerator {

	private final SecureRandom random;

	DrbgSessionIdGenerator() {
		this.random = seededRandom();
	}

	@Override
	public String generate() {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		// version 4, IETF variant: what UUID.randomUUID() sets
		bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
		bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		return new UUID(buffer.getLong(), buffer.getLong()).toString();
	}

	// DRBG reads the system's entropy source when first used: at start-up, not on a request
	private static SecureRandom seededRandom() {
		SecureRandom random;
		try {
			random = SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			random = new SecureRandom();
		}
		random.nextBytes(new byte[1]);
		return random;
	}

}
