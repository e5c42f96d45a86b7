package com.altscodex.spring.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.altscodex.spring.testsupport.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A real application start with a partial configuration: Spring Boot's failure report
 * (through our analyzer, registered in {@code spring.factories}) names the property and
 * the fix, and shows no secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTests {

	@Test
	void startWhenRedirectUriMissingThenReportNamesPropertyAndFix(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("altscodex.client-id=my-client", "altscodex.client-secret=very-secret-value-42")
			.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Redirect URI of client 'default' must not be empty. (property 'altscodex.redirect-uri')")
			.contains("Set 'altscodex.redirect-uri' to the redirect URI registered with AltsCodex")
			.doesNotContain("very-secret-value-42");
	}

}
