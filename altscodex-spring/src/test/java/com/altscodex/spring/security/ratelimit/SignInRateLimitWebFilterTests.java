package com.altscodex.spring.security.ratelimit;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class SignInRateLimitWebFilterTests {

	@Test
	void ipv4ThenItsAddress() {
		assertThat(keyOf(new InetSocketAddress("127.0.0.2", 5000))).isEqualTo("127.0.0.2");
	}

	@Test
	void ipv6ThenItsSlash64() {
		assertThat(keyOf(new InetSocketAddress("2001:db8:1:2:aaaa::1", 5000)))
			.isEqualTo(keyOf(new InetSocketAddress("2001:db8:1:2:bbbb::9", 5000)))
			.isEqualTo("v6:20010db800010002")
			.isNotEqualTo(keyOf(new InetSocketAddress("2001:db8:1:3::1", 5000)));
	}

	@Test
	void forwardedAddressesThenTheirTextNeverLookedUp() {
		assertThat(keyOf(InetSocketAddress.createUnresolved("203.0.113.7", 0))).isEqualTo("203.0.113.7");
		assertThat(keyOf(InetSocketAddress.createUnresolved("[2001:db8:1:2::5]", 0))).isEqualTo("v6:20010db800010002");
		assertThat(keyOf(InetSocketAddress.createUnresolved("2001:db8:1:2::5", 0))).isEqualTo("v6:20010db800010002");
		assertThat(keyOf(InetSocketAddress.createUnresolved("_hidden", 0))).isEqualTo("_hidden");
		assertThat(keyOf(InetSocketAddress.createUnresolved("x".repeat(500), 0))).hasSize(64);
	}

	@Test
	void noRemoteAddressThenOneSharedKey() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/login"));
		assertThat(SignInRateLimitWebFilter.remoteAddressKey(exchange)).isEqualTo("unknown");
	}

	private static String keyOf(InetSocketAddress address) {
		return SignInRateLimitWebFilter
			.remoteAddressKey(MockServerWebExchange.from(MockServerHttpRequest.post("/login").remoteAddress(address)));
	}

}
