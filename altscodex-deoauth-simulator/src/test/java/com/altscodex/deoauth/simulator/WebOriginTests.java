package com.altscodex.deoauth.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WebOriginTests {

	@Test
	void ofWhenHttpUrlThenSerializedAsBrowsersDo() {
		assertThat(WebOrigin.of("http://127.0.0.1:8080/login/altscodex?x=1#y")).hasToString("http://127.0.0.1:8080");
		assertThat(WebOrigin.of("HTTPS://App.Example:443/cb")).hasToString("https://app.example");
		assertThat(WebOrigin.of("http://app.example:80/cb")).hasToString("http://app.example");
		assertThat(WebOrigin.of("https://app.example:80/cb")).hasToString("https://app.example:80");
		assertThat(WebOrigin.of("http://[::1]:8080/cb")).hasToString("http://[::1]:8080");
	}

	@Test
	void ofWhenNoWebOriginThenNull() {
		assertThat(WebOrigin.of("http://127.0.0.1:1@evil.example/cb")).isNull();
		assertThat(WebOrigin.of("http://127.0.0.1:8080.evil.example/cb")).isNull();
		assertThat(WebOrigin.of("myapp://callback")).isNull();
		assertThat(WebOrigin.of("/relative/cb")).isNull();
		assertThat(WebOrigin.of("http://127.0.0.1:8080\\@evil.example/cb")).isNull();
		assertThat(WebOrigin.of("")).isNull();
		assertThat(WebOrigin.of(null)).isNull();
	}

	@Test
	void parseAcceptsOnlyBareOrigins() {
		assertThat(WebOrigin.parse("http://LOCALHOST:5173/")).isEqualTo(WebOrigin.parse("http://localhost:5173"));
		assertThatIllegalArgumentException().isThrownBy(() -> WebOrigin.parse("http://localhost:5173/app"));
		assertThatIllegalArgumentException().isThrownBy(() -> WebOrigin.parse("http://localhost:5173?x=1"));
		assertThatIllegalArgumentException().isThrownBy(() -> WebOrigin.parse("http://localhost:*"));
		assertThatIllegalArgumentException().isThrownBy(() -> WebOrigin.parse("null"));
		assertThat(WebOrigin.parseOrNull("*")).isNull();
	}

}
