package com.altscodex.spring.pat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The format of a personal access token: {@value #PREFIX}, then {@value #RANDOM_LENGTH}
 * base62 characters drawn from a {@link SecureRandom} (256 bits), then the CRC32 of those
 * characters in {@value #CHECKSUM_LENGTH} base62 characters, as GitHub's tokens have. The
 * checksum lets {@link #isWellFormed} refuse a mistyped or truncated token without
 * asking the store, and lets secret scanners tell a real token from a look-alike.
 * <p>
 * A token is stored as its SHA-256 ({@link #hash}); the raw token exists only in the
 * answer that creates it.
 */
public final class PersonalAccessTokenCodec {

	/** What every token starts with. */
	public static final String PREFIX = "altscodex_pat_";

	/** Base62 characters of randomness: 62^43 &gt; 2^256. */
	public static final int RANDOM_LENGTH = 43;

	/** Base62 characters of checksum: 62^6 &gt; 2^32. */
	public static final int CHECKSUM_LENGTH = 6;

	/** The length of every token. */
	public static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;

	private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		.toCharArray();

	private final SecureRandom random;

	/**
	 * Creates a codec that draws from a new {@link SecureRandom}.
	 */
	public PersonalAccessTokenCodec() {
		this(new SecureRandom());
	}

	/**
	 * Creates a codec that draws from a random source.
	 * @param random the source
	 */
	public PersonalAccessTokenCodec(SecureRandom random) {
		Assert.notNull(random, "random cannot be null");
		this.random = random;
	}

	/**
	 * A new token.
	 * @return the raw token
	 */
	public String generate() {
		char[] token = new char[LENGTH];
		PREFIX.getChars(0, PREFIX.length(), token, 0);
		int start = PREFIX.length();
		for (int i = 0; i < RANDOM_LENGTH; i++) {
			token[start + i] = BASE62[this.random.nextInt(BASE62.length)];
		}
		writeChecksum(token, start, RANDOM_LENGTH, start + RANDOM_LENGTH);
		return new String(token);
	}

	/**
	 * Whether a string has a token's prefix, length, alphabet and a checksum that
	 * matches; nothing else is asked.
	 * @param token the string
	 * @return whether it may be a token
	 */
	public static boolean isWellFormed(@Nullable String token) {
		if (token == null || token.length() != LENGTH || !token.startsWith(PREFIX)) {
			return false;
		}
		int start = PREFIX.length();
		for (int i = start; i < LENGTH; i++) {
			if (digit(token.charAt(i)) < 0) {
				return false;
			}
		}
		char[] expected = new char[CHECKSUM_LENGTH];
		writeChecksum(token, start, RANDOM_LENGTH, expected);
		for (int i = 0; i < CHECKSUM_LENGTH; i++) {
			if (expected[i] != token.charAt(start + RANDOM_LENGTH + i)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a string claims to be a token: it starts with {@value #PREFIX}. A bearer
	 * token that does not is someone else's to read.
	 * @param token the string
	 * @return whether it does
	 */
	public static boolean hasPrefix(String token) {
		return token.startsWith(PREFIX);
	}

	/**
	 * The SHA-256 of a token, in lower-case hex: what the store keeps and looks up.
	 * @param token the raw token
	 * @return its hash
	 */
	public static String hash(String token) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			// every Java platform has SHA-256
			throw new IllegalStateException(ex);
		}
	}

	private static void writeChecksum(char[] source, int offset, int length, int at) {
		CRC32 crc = new CRC32();
		for (int i = offset; i < offset + length; i++) {
			crc.update(source[i]);
		}
		encode(crc.getValue(), source, at);
	}

	private static void writeChecksum(String source, int offset, int length, char[] target) {
		CRC32 crc = new CRC32();
		for (int i = offset; i < offset + length; i++) {
			crc.update(source.charAt(i));
		}
		encode(crc.getValue(), target, 0);
	}

	private static void encode(long value, char[] target, int at) {
		for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
			target[at + i] = BASE62[(int) (value % 62)];
			value /= 62;
		}
	}

	private static int digit(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'A' && c <= 'Z') {
			return c - 'A' + 10;
		}
		if (c >= 'a' && c <= 'z') {
			return c - 'a' + 36;
		}
		return -1;
	}

}
