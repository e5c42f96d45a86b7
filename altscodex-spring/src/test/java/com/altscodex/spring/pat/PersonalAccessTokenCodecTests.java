package com.altscodex.spring.pat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalAccessTokenCodecTests {

	private final PersonalAccessTokenCodec codec = new PersonalAccessTokenCodec();

	@Test
	void generateThenPrefixRandomBase62AndChecksum() {
		String token = this.codec.generate();
		assertThat(token).hasSize(PersonalAccessTokenCodec.LENGTH)
			.startsWith("altscodex_pat_")
			.matches("altscodex_pat_[0-9A-Za-z]{49}");
		assertThat(PersonalAccessTokenCodec.isWellFormed(token)).isTrue();
	}

	@Test
	void generateThenNeverTheSameTwice() {
		Set<String> tokens = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			assertThat(tokens.add(this.codec.generate())).isTrue();
		}
	}

	@Test
	void isWellFormedWhenAnyOneCharacterIsMistypedThenFalse() {
		String token = this.codec.generate();
		for (int i = PersonalAccessTokenCodec.PREFIX.length(); i < token.length(); i++) {
			char original = token.charAt(i);
			char typo = (original == 'a') ? 'b' : 'a';
			String mistyped = token.substring(0, i) + typo + token.substring(i + 1);
			assertThat(PersonalAccessTokenCodec.isWellFormed(mistyped)).as("typo at %d", i).isFalse();
		}
	}

	@Test
	void isWellFormedWhenTwoCharactersAreSwappedThenFalse() {
		String token = this.codec.generate();
		// two that differ, or the token would stay the same
		int at = PersonalAccessTokenCodec.PREFIX.length() + 10;
		while (token.charAt(at) == token.charAt(at + 1)) {
			at++;
		}
		String swapped = token.substring(0, at) + token.charAt(at + 1) + token.charAt(at) + token.substring(at + 2);
		assertThat(PersonalAccessTokenCodec.isWellFormed(swapped)).isFalse();
	}

	@Test
	void isWellFormedWhenTruncatedExtendedOrForeignThenFalse() {
		String token = this.codec.generate();
		assertThat(PersonalAccessTokenCodec.isWellFormed(token.substring(0, token.length() - 1))).isFalse();
		assertThat(PersonalAccessTokenCodec.isWellFormed(token + "a")).isFalse();
		assertThat(PersonalAccessTokenCodec.isWellFormed("ghp_" + token.substring(14))).isFalse();
		assertThat(PersonalAccessTokenCodec.isWellFormed(token.replace("altscodex_pat_", "altscodex_PAT_"))).isFalse();
		assertThat(PersonalAccessTokenCodec.isWellFormed(token.substring(0, 20) + "-" + token.substring(21))).isFalse();
		assertThat(PersonalAccessTokenCodec.isWellFormed(null)).isFalse();
		assertThat(PersonalAccessTokenCodec.isWellFormed("")).isFalse();
	}

	@Test
	void checksumIsTheCrc32OfTheRandomPartInSixBase62Digits() {
		String random = "0".repeat(PersonalAccessTokenCodec.RANDOM_LENGTH);
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(random.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		String checksum = base62(crc.getValue());
		assertThat(PersonalAccessTokenCodec.isWellFormed("altscodex_pat_" + random + checksum)).isTrue();
	}

	@Test
	void hashThenLowerCaseHexSha256OfTheWholeToken() {
		assertThat(PersonalAccessTokenCodec.hash("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		String token = this.codec.generate();
		assertThat(PersonalAccessTokenCodec.hash(token)).hasSize(64).doesNotContain(token.substring(14));
	}

	@Test
	void generateWithAGivenRandomSourceThenFromIt() {
		SecureRandom fixed = new SecureRandom() {
			@Override
			public int nextInt(int bound) {
				return 1;
			}
		};
		String token = new PersonalAccessTokenCodec(fixed).generate();
		assertThat(token).startsWith("altscodex_pat_" + "1".repeat(PersonalAccessTokenCodec.RANDOM_LENGTH));
		assertThat(PersonalAccessTokenCodec.isWellFormed(token)).isTrue();
	}

	private static String base62(long value) {
		String digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
		char[] out = new char[6];
		for (int i = 5; i >= 0; i--) {
			out[i] = digits.charAt((int) (value % 62));
			value /= 62;
		}
		return new String(out);
	}

}
