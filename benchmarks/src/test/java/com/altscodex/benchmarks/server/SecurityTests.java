package com.altscodex.benchmarks.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SecurityTests {

	private final ClassLoader classLoader = getClass().getClassLoader();

	@Test
	void noneExcludesEverySecurityAutoConfigurationOfSpringBootAndOfTheStarter() {
		assertThat(Security.NONE.excludedAutoConfigurations(this.classLoader)).contains(
				"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
				"com.altscodex.spring.autoconfigure.security.AltsCodexSecurityAutoConfiguration")
			.allSatisfy((name) -> assertThat(Security.isSecurity(name)).isTrue())
			.doesNotContain("com.altscodex.spring.autoconfigure.AltsCodexAutoConfiguration",
					"org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration");
	}

	@Test
	void theChainsExcludeNothing() {
		assertThat(Security.STARTER.excludedAutoConfigurations(this.classLoader)).isEmpty();
		assertThat(Security.FORM_LOGIN.excludedAutoConfigurations(this.classLoader)).isEmpty();
	}

	@Test
	void propertyValueReadsBack() {
		for (Security security : Security.values()) {
			assertThat(Security.of(security.propertyValue())).isEqualTo(security);
		}
		assertThat(Security.FORM_LOGIN.propertyValue()).isEqualTo("form-login");
		assertThatIllegalArgumentException().isThrownBy(() -> Security.of("oauth2"));
	}

}
