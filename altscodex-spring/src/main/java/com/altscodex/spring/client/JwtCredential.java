package com.altscodex.spring.client;

/**
 * Checks that a string can be a JWT before it goes near an HTTP header: a value with
 * CR/LF or other control characters must never reach the wire, whatever the HTTP
 * library would do with it.
 */
final class JwtCredential {

	/** Longest JWT the client accepts. */
	static final int MAX_LENGTH = 8192;

	private JwtCredential() {
	}

	static HttpCredential bearer(String jwt) {
		check(jwt);
		return HttpCredential.of("Bearer " + jwt);
	}

	static void check(String jwt) {
		if (jwt == null || jwt.isEmpty()) {
			throw new InvalidJwtException("it is empty");
		}
		if (jwt.length() > MAX_LENGTH) {
			throw new InvalidJwtException("it is longer than " + MAX_LENGTH + " characters");
		}
		for (int i = 0; i < jwt.length(); i++) {
			char c = jwt.charAt(i);
			if (c <= 0x20 || c >= 0x7F) {
				throw new InvalidJwtException("it holds a character that is not visible ASCII at index " + i);
			}
		}
	}

}
