package com.altscodex.spring.test;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.TestContextManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Which test classes get a simulator, which fail at once and why, and which share a
 * cached context.
 */
class DeOAuthSimulatorContextCustomizerFactoryTests {

	private final DeOAuthSimulatorContextCustomizerFactory factory = new DeOAuthSimulatorContextCustomizerFactory();

	@Test
	void withoutAnnotationThenNoCustomizer() {
		assertThat(customizer(NotAnnotated.class)).isNull();
	}

	@Test
	void sameAttributesThenEqualCustomizersSoTheContextIsShared() {
		ContextCustomizer one = customizer(RandomPort.class);
		ContextCustomizer other = customizer(DefinedPort.class);

		assertThat(one).isNotNull().isEqualTo(other).hasSameHashCodeAs(other);
	}

	@Test
	void otherClientIdThenOtherCustomizerSoAnotherContext() {
		assertThat(customizer(OtherClient.class)).isNotNull().isNotEqualTo(customizer(RandomPort.class));
	}

	@Test
	void otherCallbackPathThenOtherCustomizerSoAnotherContext() {
		assertThat(customizer(OtherCallbackPath.class)).isNotNull().isNotEqualTo(customizer(RandomPort.class));
	}

	@Test
	void metaAnnotationThenCustomizer() {
		assertThat(customizer(MetaAnnotated.class)).isEqualTo(customizer(OtherClient.class));
	}

	@Test
	void mockWebEnvironmentThenFailsNamingTheFix() {
		assertThatIllegalStateException().isThrownBy(() -> customizer(MockEnvironment.class))
			.withMessageContaining("needs a running web server")
			.withMessageContaining("found webEnvironment = MOCK")
			.withMessageContaining("@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)");
	}

	@Test
	void noWebEnvironmentThenFails() {
		assertThatIllegalStateException().isThrownBy(() -> customizer(NoWebEnvironment.class))
			.withMessageContaining("found webEnvironment = NONE");
	}

	@Test
	void withoutSpringBootTestThenFails() {
		assertThatIllegalStateException().isThrownBy(() -> customizer(WithoutSpringBootTest.class))
			.withMessageContaining("found no @SpringBootTest");
	}

	@Test
	void mockWebEnvironmentThenTheTestClassFailsBeforeAnyContextLoads() {
		assertThatIllegalStateException().isThrownBy(() -> new TestContextManager(MockEnvironment.class))
			.withMessageContaining("found webEnvironment = MOCK");
	}

	@Test
	void callbackPathWithoutLeadingSlashThenFails() {
		assertThatIllegalStateException().isThrownBy(() -> customizer(RelativeCallbackPath.class))
			.withMessageContaining("callbackPath")
			.withMessageContaining("'login/altscodex'");
	}

	@Test
	void emptyClientIdThenFails() {
		assertThatIllegalStateException().isThrownBy(() -> customizer(EmptyClientId.class))
			.withMessageContaining("clientId");
	}

	@Test
	void annotationOnEnclosingClassThenNestedClassGetsIt() {
		assertThat(customizer(Outer.Inner.class)).isEqualTo(customizer(Outer.class)).isNotNull();
	}

	private ContextCustomizer customizer(Class<?> testClass) {
		return this.factory.createContextCustomizer(testClass, List.of());
	}

	static class NotAnnotated {

	}

	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	@AutoConfigureDeOAuthSimulator
	static class RandomPort {

	}

	@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
	@AutoConfigureDeOAuthSimulator
	static class DefinedPort {

	}

	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	@AutoConfigureDeOAuthSimulator(clientId = "other-client")
	static class OtherClient {

	}

	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	@AutoConfigureDeOAuthSimulator(callbackPath = "/other")
	static class OtherCallbackPath {

	}

	@Retention(RetentionPolicy.RUNTIME)
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	@AutoConfigureDeOAuthSimulator(clientId = "other-client")
	@interface ShopTest {

	}

	@ShopTest
	static class MetaAnnotated {

	}

	@SpringBootTest
	@AutoConfigureDeOAuthSimulator
	static class MockEnvironment {

	}

	@SpringBootTest(webEnvironment = WebEnvironment.NONE)
	@AutoConfigureDeOAuthSimulator
	static class NoWebEnvironment {

	}

	@ContextConfiguration
	@AutoConfigureDeOAuthSimulator
	static class WithoutSpringBootTest {

	}

	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	@AutoConfigureDeOAuthSimulator(callbackPath = "login/altscodex")
	static class RelativeCallbackPath {

	}

	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	@AutoConfigureDeOAuthSimulator(clientId = " ")
	static class EmptyClientId {

	}

	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	@AutoConfigureDeOAuthSimulator(clientId = "outer-client")
	static class Outer {

		@Nested
		class Inner {

		}

	}

}
