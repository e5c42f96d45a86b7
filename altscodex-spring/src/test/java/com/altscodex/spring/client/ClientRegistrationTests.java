package com.altscodex.spring.client;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientRegistrationTests {

	private ClientRegistration.Builder valid() {
		return ClientRegistration.withName("default")
			.clientId("my-client")
			.clientSecret("s3cr3t-value")
			.redirectUri("https://app.example.com/login/altscodex");
	}

	@Test
	void buildThenDefaultsFollowTheContract() {
		ClientRegistration registration = valid().build();
		assertThat(registration.getAuthServerUrl()).isEqualTo("https://api.altscodex.com");
		assertThat(registration.getPlatformUrl()).isEqualTo("https://altscodex.com");
		assertThat(registration.getTimeout()).hasSeconds(15);
		assertThat(registration.getCallbackPath()).isEqualTo("/login/altscodex");
	}

	@Test
	void buildWhenTrailingSlashesThenIgnored() {
		ClientRegistration registration = valid().authServerUrl("http://127.0.0.1:9000//")
			.platformUrl("http://127.0.0.1:9001/")
			.build();
		assertThat(registration.getAuthServerUrl()).isEqualTo("http://127.0.0.1:9000");
		assertThat(registration.getPlatformUrl()).isEqualTo("http://127.0.0.1:9001");
	}

	@Test
	void secretHasNoPublicAccessorAndIsMaskedInToString() {
		ClientRegistration registration = valid().build();
		assertThat(registration.toString()).contains("my-client").doesNotContain("s3cr3t-value");
		assertThat(valid().toString()).doesNotContain("s3cr3t-value");
		assertThat(Arrays.stream(ClientRegistration.class.getMethods()).map(Method::getName))
			.noneMatch((name) -> name.toLowerCase().contains("secret"));
		Method internal = Arrays.stream(ClientRegistration.class.getDeclaredMethods())
			.filter((m) -> m.getName().equals("clientSecret"))
			.findFirst()
			.orElseThrow();
		assertThat(Modifier.isPublic(internal.getModifiers())).isFalse();
	}

	@Test
	void buildWhenRequiredValueMissingOrMalformedThenFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().clientId(" ").build())
			.withMessageContaining("clientId");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().clientSecret("").build())
			.withMessageContaining("clientSecret");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().redirectUri("not a url").build())
			.withMessageContaining("redirectUri");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().authServerUrl("ftp://x").build())
			.withMessageContaining("authServerUrl");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().callbackPath("relative").build())
			.withMessageContaining("callbackPath");
	}

}
