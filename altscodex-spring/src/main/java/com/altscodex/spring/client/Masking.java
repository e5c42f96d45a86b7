package com.altscodex.spring.client;

import org.jspecify.annotations.Nullable;

/**
 * How secrets appear in {@code toString()}: present or absent, never their value.
 */
final class Masking {

	static final String MASK = "******";

	private Masking() {
	}

	static @Nullable String mask(@Nullable String secret) {
		return (secret != null) ? MASK : null;
	}

}
