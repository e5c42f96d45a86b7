package com.altscodex.spring.client;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Fresh login states: 24 bytes from a CSPRNG, base64url without padding (32
 * characters).
 */
final class StateGenerator {

	static final int STATE_BYTES = 24;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SecureRandom random;

	StateGenerator() {
		this.random = newSeededRandom();
	}

	String next() {
		byte[] bytes = new byte[STATE_BYTES];
		this.random.nextBytes(bytes);
		return ENCODER.encodeToString(bytes);
	}

	/*
	 * DRBG reads the OS entropy source once, here, at construction; after that it
	 * generates in memory. NativePRNG would read /dev/urandom on every call, a
	 * blocking file read on an event-loop thread.
	 */
	private static SecureRandom newSeededRandom() {
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
