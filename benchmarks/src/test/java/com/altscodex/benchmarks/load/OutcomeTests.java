package com.altscodex.benchmarks.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeTests {

	@Test
	void okWhenTheSlotIsTheJwtUsers() {
		assertThat(Outcome.of(200, "{\"id\":\"user-00042\"}", "user-00042").kind()).isEqualTo(Outcome.Kind.OK);
	}

	@Test
	void wrongUserWhenAnotherUsersSlotOrNone() {
		assertThat(Outcome.of(200, "{\"id\":\"user-00043\"}", "user-00042").kind()).isEqualTo(Outcome.Kind.WRONG_USER);
		assertThat(Outcome.of(200, "{}", "user-00042").kind()).isEqualTo(Outcome.Kind.WRONG_USER);
	}

	@Test
	void refusedWhenNot2xx() {
		Outcome outcome = Outcome.of(408, "{\"type\":\"x\"}", "user-00042");
		assertThat(outcome.kind()).isEqualTo(Outcome.Kind.REFUSED);
		assertThat(outcome.status()).isEqualTo(408);
	}

}
