package com.altscodex.benchmarks.load;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CookieJarTests {

	@Test
	void updateWhenCookiesAreSetThenSentBackInOneHeader() {
		CookieJar jar = new CookieJar();
		assertThat(jar.header()).isEmpty();
		jar.update(List.of("XSRF-TOKEN=99b00a74-4ba9; Path=/",
				"SESSION=d50d04c6-fd10; Path=/; HTTPOnly; SameSite=Lax"));
		assertThat(jar.get("XSRF-TOKEN")).isEqualTo("99b00a74-4ba9");
		assertThat(jar.header()).isEqualTo("XSRF-TOKEN=99b00a74-4ba9; SESSION=d50d04c6-fd10");
	}

	@Test
	void updateWhenACookieIsSetAgainThenItsValueIsReplacedInPlace() {
		CookieJar jar = new CookieJar();
		jar.update(List.of("XSRF-TOKEN=a; Path=/", "SESSION=old; Path=/"));
		// the session id changes at sign-in
		jar.update(List.of("SESSION=new; Path=/; HTTPOnly"));
		assertThat(jar.header()).isEqualTo("XSRF-TOKEN=a; SESSION=new");
	}

	@Test
	void updateWhenACookieIsClearedThenItIsNoLongerSent() {
		CookieJar jar = new CookieJar();
		jar.update(List.of("XSRF-TOKEN=a", "SESSION=s", "OTHER=o"));
		jar.update(List.of("XSRF-TOKEN=; Path=/; Max-Age=0", "SESSION=gone; Max-Age=0; Path=/", "OTHER="));
		assertThat(jar.header()).isEmpty();
		assertThat(jar.get("SESSION")).isNull();
	}

	@Test
	void updateWhenAHeaderHasNoNameThenItIsIgnored() {
		CookieJar jar = new CookieJar();
		jar.update(List.of("=value", "no-equals-sign", "A=1"));
		assertThat(jar.header()).isEqualTo("A=1");
	}

}
