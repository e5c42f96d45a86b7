package com.altscodex.benchmarks.suite;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeapHistogramTests {

	private static final String BEFORE = """
			12345:
			 num     #instances         #bytes  class name (module)
			-------------------------------------------------------
			   1:         1000          48000  [B (java.base@17.0.15)
			   2:          500          12000  java.lang.String (java.base@17.0.15)
			Total         1500          60000
			""";

	private static final String AFTER = """
			12345:
			 num     #instances         #bytes  class name (module)
			-------------------------------------------------------
			   1:         3000         148000  [B (java.base@17.0.15)
			   2:         1500          36000  java.lang.String (java.base@17.0.15)
			   3:          100           4000  com.example.Entry
			Total         4600         188000
			""";

	@Test
	void growthSinceThenLargestGrowthPerLoginFirst() {
		var growth = HeapHistogram.parse(AFTER).growthSince(HeapHistogram.parse(BEFORE), 100, 2);
		assertThat(growth).hasSize(2);
		assertThat(growth.get(0).className()).isEqualTo("[B");
		assertThat(growth.get(0).bytesPerLogin()).isEqualTo(1000.0);
		assertThat(growth.get(0).instancesPerLogin()).isEqualTo(20.0);
		assertThat(growth.get(1).className()).isEqualTo("java.lang.String");
	}

	@Test
	void parseWhenNotAHistogramThenEmpty() {
		assertThat(HeapHistogram.parse("12345:\nCommand not found").isEmpty()).isTrue();
	}

}
