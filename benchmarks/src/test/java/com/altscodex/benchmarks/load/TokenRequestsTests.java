package com.altscodex.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TokenRequestsTests {

	@TempDir
	Path dir;

	@Test
	void authorizationsWhenTheAppWroteItsTokensThenABearerHeaderEachInTheFilesOrder() throws IOException {
		Path file = write("user-00000\taltscodex_pat_first\nuser-00001\taltscodex_pat_second\n\n");
		assertThat(TokenRequests.authorizations(file)).containsExactly("Bearer altscodex_pat_first",
				"Bearer altscodex_pat_second");
	}

	@Test
	void authorizationsWhenTheFileHoldsNoTokenThenRefused() throws IOException {
		Path file = write("user-00000\t\nno tab here\n");
		assertThatIllegalArgumentException().isThrownBy(() -> TokenRequests.authorizations(file))
			.withMessageContaining("No token");
	}

	private Path write(String text) throws IOException {
		Path file = this.dir.resolve("tokens.txt");
		Files.writeString(file, text, StandardCharsets.US_ASCII);
		return file;
	}

}
