package com.altscodex.benchmarks.load;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SourceAddressesTests {

	@Test
	void parseWhenACountFollowsThenTheNextAddressesSkippingNetworkAndBroadcastOnes() {
		SourceAddresses addresses = SourceAddresses.parse("127.1.0.253+4");
		assertThat(addresses.size()).isEqualTo(4);
		List<String> handedOut = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			handedOut.add(addresses.next().getHostAddress());
		}
		assertThat(handedOut).containsExactly("127.1.0.253", "127.1.0.254", "127.1.1.1", "127.1.1.2", "127.1.0.253");
	}

	@Test
	void parseWhenOneAddressThenOnlyIt() {
		SourceAddresses addresses = SourceAddresses.parse("127.0.0.2");
		assertThat(addresses.next().getHostAddress()).isEqualTo("127.0.0.2");
		assertThat(addresses.next().getHostAddress()).isEqualTo("127.0.0.2");
	}

	@Test
	void parseWhenNotLoopbackOrBeyondItThenRefuses() {
		assertThatIllegalArgumentException().isThrownBy(() -> SourceAddresses.parse("10.0.0.1+2"))
			.withMessageContaining("loopback");
		assertThatIllegalArgumentException().isThrownBy(() -> SourceAddresses.parse("127.255.255.250+10"))
			.withMessageContaining("Fewer than 10");
		assertThatIllegalArgumentException().isThrownBy(() -> SourceAddresses.parse("127.0.0.2+0"));
	}

}
