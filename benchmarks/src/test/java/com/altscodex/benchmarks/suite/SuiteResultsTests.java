package com.altscodex.benchmarks.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SuiteResultsTests {

	@Test
	void readBackWhenCommittedResultsThenEverythingIsRead() throws IOException {
		String committed = Files.readString(Path.of("results/latest.json"), StandardCharsets.UTF_8);
		SuiteResults results = SuiteResults.readBack(BenchmarkSuite.JSON, committed);
		assertThat(results.run).isNotNull();
		assertThat(results.load).isNotEmpty();
		assertThat(results.memory).isNotEmpty();
		assertThat(Verdicts.of(results)).isNotEmpty();
	}

	@Test
	void readBackWhenAFieldIsNotUnderstoodThenRefuses() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SuiteResults.readBack(BenchmarkSuite.JSON, "{\"load\":[],\"loginsPerFortnight\":3}"));
	}

}
