package com.altscodex.spring.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.StringUtils;

/**
 * Creates the {@link DeOAuthSimulatorContextCustomizer} of a test class annotated with
 * {@link AutoConfigureDeOAuthSimulator @AutoConfigureDeOAuthSimulator} (directly, on a
 * superclass or an enclosing class, or through a meta-annotation), after checking that
 * the test starts a web server that the simulator can call back.
 */
final class DeOAuthSimulatorContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureDeOAuthSimulator annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureDeOAuthSimulator.class);
		if (annotation == null) {
			return null;
		}
		requireWebServer(testClass);
		String clientId = annotation.clientId();
		if (!StringUtils.hasText(clientId)) {
			throw new IllegalStateException(
					"@AutoConfigureDeOAuthSimulator(clientId) of " + testClass.getName() + " must not be empty.");
		}
		String callbackPath = annotation.callbackPath();
		if (!callbackPath.isEmpty() && (!callbackPath.startsWith("/") || callbackPath.contains("?")
				|| callbackPath.contains("#"))) {
			throw new IllegalStateException("@AutoConfigureDeOAuthSimulator(callbackPath) of " + testClass.getName()
					+ " must be a path starting with '/', such as /login/altscodex, or empty for the application's"
					+ " own, but was '" + callbackPath + "'.");
		}
		return new DeOAuthSimulatorContextCustomizer(clientId, callbackPath);
	}

	private static void requireWebServer(Class<?> testClass) {
		SpringBootTest springBootTest = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				SpringBootTest.class);
		WebEnvironment webEnvironment = (springBootTest != null) ? springBootTest.webEnvironment() : null;
		if (webEnvironment != WebEnvironment.RANDOM_PORT && webEnvironment != WebEnvironment.DEFINED_PORT) {
			String found = (springBootTest != null) ? "webEnvironment = " + webEnvironment : "no @SpringBootTest";
			throw new IllegalStateException("@AutoConfigureDeOAuthSimulator on " + testClass.getName()
					+ " needs a running web server, because the DeOAuth simulator calls the application back over"
					+ " HTTP, but found " + found + ". Use @SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)"
					+ " (or DEFINED_PORT).");
		}
	}

}
