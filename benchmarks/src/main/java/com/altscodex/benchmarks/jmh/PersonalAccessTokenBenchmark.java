package com.altscodex.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.altscodex.spring.pat.PersonalAccessTokenCodec;

/**
 * What a personal access token costs before any lookup: the format and checksum check
 * every {@code Authorization: Bearer altscodex_pat_...} request passes
 * ({@link PersonalAccessTokenCodec#isWellFormed}), for a token as minted and for one
 * mistyped in its random part (the checksum is computed, then fails, as for a token
 * copied wrong); its SHA-256, the key of the token cache and the store; and a new token,
 * drawn from the codec's own {@code SecureRandom} as the store draws them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PersonalAccessTokenBenchmark {

	private final PersonalAccessTokenCodec codec = new PersonalAccessTokenCodec();

	private final String minted = this.codec.generate();

	@Benchmark
	public boolean isWellFormed(Candidate candidate) {
		return PersonalAccessTokenCodec.isWellFormed(candidate.value);
	}

	@Benchmark
	public String hash() {
		return PersonalAccessTokenCodec.hash(this.minted);
	}

	@Benchmark
	public String generate() {
		return this.codec.generate();
	}

	/**
	 * The string a request carries: a token as minted, or the same mistyped. A state of
	 * its own, so that only the check runs once per kind.
	 */
	@State(Scope.Benchmark)
	public static class Candidate {

		@Param({ "well-formed", "mistyped" })
		public String token = "well-formed";

		String value = "";

		@Setup
		public void mintToken() {
			String minted = new PersonalAccessTokenCodec().generate();
			this.value = switch (this.token) {
				case "well-formed" -> minted;
				case "mistyped" -> mistyped(minted);
				default -> throw new IllegalArgumentException(this.token);
			};
		}

		/*
		 * One character of the random part changed to another base62 character: prefix,
		 * length and alphabet pass, so the check goes as far as the checksum.
		 */
		private static String mistyped(String token) {
			int at = PersonalAccessTokenCodec.PREFIX.length() + PersonalAccessTokenCodec.RANDOM_LENGTH / 2;
			char typo = (token.charAt(at) == 'x') ? 'y' : 'x';
			return token.substring(0, at) + typo + token.substring(at + 1);
		}

	}

}
