package com.altscodex.benchmarks.suite;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SimulatorCountsTests {

	@Test
	void parseWhenTheSimulatorRecordsThenCounts() {
		assertThat(SimulatorCounts.parse("OK count authorize=1000 get_token=998 callbacks=999 recording=true"))
			.isEqualTo(new SimulatorCounts(1000, 998, 999));
	}

	@Test
	void parseWhenTheSimulatorDoesNotRecordThenRefuses() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SimulatorCounts.parse("OK count authorize=0 get_token=0 callbacks=0 recording=false"))
			.withMessageContaining("does not record");
	}

	@Test
	void authorizeOfUsersWhenCountedThenTheirAuthorizeRequests() {
		assertThat(SimulatorCounts.authorizeOfUsers("OK count-users from=0 to=1500 authorize=20 recording=true"))
			.isEqualTo(20);
		assertThatIllegalStateException()
			.isThrownBy(() -> SimulatorCounts
				.authorizeOfUsers("OK count-users from=0 to=1500 authorize=0 recording=false"))
			.withMessageContaining("does not record");
		assertThatIllegalStateException()
			.isThrownBy(() -> SimulatorCounts.authorizeOfUsers("OK count authorize=1 get_token=1 callbacks=1 recording=true"));
	}

	@Test
	void parseWhenNotAnAnswerToCountThenRefuses() {
		assertThatIllegalStateException().isThrownBy(() -> SimulatorCounts.parse("OK latency=0"));
		assertThatIllegalStateException()
			.isThrownBy(() -> SimulatorCounts.parse("OK count get_token=1 callbacks=1 recording=true"))
			.withMessageContaining("authorize");
	}

}
