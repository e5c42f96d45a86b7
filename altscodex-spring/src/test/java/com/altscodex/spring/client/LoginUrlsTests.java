package com.altscodex.spring.client;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import com.altscodex.spring.client.pending.AuthorizationCallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoginUrlsTests {

	private final LoginUrls loginUrls = new LoginUrls(ClientRegistration.withName("default")
		.clientId("my client")
		.clientSecret("secret")
		.redirectUri("https://app.example.com/return")
		.platformUrl("https://platform.example.com/")
		.build());

	@Test
	void newStateThenThirtyTwoBase64UrlCharactersAndUnique() {
		Set<String> states = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String state = this.loginUrls.newState();
			assertThat(state).hasSize(32).matches("[A-Za-z0-9_-]{32}");
			states.add(state);
		}
		assertThat(states).hasSize(1000);
	}

	@Test
	void loginUrlThenCarriesTheContractParametersEncoded() {
		var url = this.loginUrls.loginUrl("abc");
		var params = UriComponentsBuilder.fromUri(url).build(true).getQueryParams();
		assertThat(url.getScheme() + "://" + url.getHost() + url.getPath())
			.isEqualTo("https://platform.example.com/oauth/login");
		assertThat(params.getFirst("client_id")).isEqualTo("my%20client");
		assertThat(params.getFirst("response_type")).isEqualTo("code");
		assertThat(params.getFirst("state")).isEqualTo("abc");
		assertThat(url.toString()).doesNotContain("secret");
	}

	@Test
	void callbackFromQueryParamsThenReadsStateCodeSuccess() {
		var params = new LinkedMultiValueMap<String, String>();
		params.add("state", "s");
		params.add("code", "the-code");
		params.add("success", "1");
		AuthorizationCallback callback = AuthorizationCallback.from(params);
		assertThat(callback.isSuccess()).isTrue();
		assertThat(callback.code()).isEqualTo("the-code");
		assertThat(callback.toString()).doesNotContain("the-code");
		assertThat(LoginUrls.stateMatches("s", callback)).isTrue();
		assertThat(LoginUrls.stateMatches("t", callback)).isFalse();
	}

	@Test
	void callbackWhenParameterRepeatedThenRejected() {
		var params = new LinkedMultiValueMap<String, String>();
		params.add("state", "a");
		params.add("state", "b");
		assertThatIllegalArgumentException().isThrownBy(() -> AuthorizationCallback.from(params));
	}

}
