package com.altscodex.deoauth.simulator;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random, URL-safe tokens from a DRBG that is seeded once, at construction, so that
 * drawing a token never reads the OS entropy source on an event-loop thread.
 */
final class RandomTokens {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SecureRandom random;

	RandomTokens() {
		try {
			this.random = SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("No DRBG SecureRandom available", ex);
		}
		this.random.nextBytes(new byte[32]);
	}

	/**
	 * A token of {@code bytes} random bytes, base64url without padding, after a prefix.
	 */
	String next(String prefix, int bytes) {
		return prefix + ENCODER.encodeToString(bytes(bytes));
	}

	byte[] bytes(int count) {
		byte[] bytes = new byte[count];
		this.random.nextBytes(bytes);
		return bytes;
	}

}
