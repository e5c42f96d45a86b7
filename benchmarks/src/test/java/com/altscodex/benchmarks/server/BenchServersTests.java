package com.altscodex.benchmarks.server;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;

import com.altscodex.benchmarks.app.BenchApp;
import com.altscodex.spring.security.AltsCodexLoginConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The apps under load as {@link BenchServers} starts them: without Spring Security unless
 * asked for, with the starter's default chain or Spring Security's form login when asked.
 */
class BenchServersTests {

	private static final ClassLoader CLASS_LOADER = BenchServersTests.class.getClassLoader();

	// as SpringApplication does: BenchServerConfiguration takes a DataSize from a property
	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withInitializer((context) -> context.getBeanFactory()
			.setConversionService(new ApplicationConversionService()))
		.withUserConfiguration(BenchApp.class)
		.withPropertyValues("altscodex.client-id=bench-app", "altscodex.client-secret=bench-secret",
				"altscodex.redirect-uri=http://127.0.0.1:8080/login/altscodex",
				"altscodex.auth-server-url=http://127.0.0.1:9", "altscodex.platform-url=http://127.0.0.1:9");

	@Test
	void plainAppWithoutSecurityHasNoWebFilterChainProxy() {
		this.contextRunner.withPropertyValues(properties(Variant.PLAIN, Security.NONE)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(WebFilterChainProxy.class);
			assertThat(context).doesNotHaveBean(SecurityWebFilterChain.class);
			assertThat(context).doesNotHaveBean(AltsCodexLoginConfigurer.class);
		});
	}

	@Test
	void observedAppWithoutSecurityHasNoWebFilterChainProxy() {
		this.contextRunner.withPropertyValues(properties(Variant.OBSERVED, Security.NONE)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(WebFilterChainProxy.class);
		});
	}

	@Test
	void starterSecurityRunsTheStartersDefaultChain() {
		this.contextRunner.withPropertyValues(properties(Variant.PLAIN, Security.STARTER)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(WebFilterChainProxy.class);
			assertThat(context).hasSingleBean(AltsCodexLoginConfigurer.class);
			assertThat(context.getBeansOfType(SecurityWebFilterChain.class)).containsOnlyKeys(
					"altsCodexSecurityWebFilterChain");
			assertThat(context).hasSingleBean(SecuredBenchConfiguration.BenchControlWebFilter.class);
		});
	}

	@Test
	void formLoginSecurityRunsSpringSecuritysOwnChainWithoutTheStartersSecurity() {
		this.contextRunner.withPropertyValues(properties(Variant.PLAIN, Security.FORM_LOGIN)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(WebFilterChainProxy.class);
			assertThat(context).doesNotHaveBean(AltsCodexLoginConfigurer.class);
			assertThat(context.getBeansOfType(SecurityWebFilterChain.class)).containsOnlyKeys("formLoginSecurity");
			assertThat(context).hasSingleBean(SecuredBenchConfiguration.BenchControlWebFilter.class);
		});
	}

	@Test
	void excludedAutoConfigurationsAddTheVariantsTheSecuritysAndTheStarters() {
		Set<String> plain = BenchServers.excludedAutoConfigurations(Variant.PLAIN, Security.NONE, false, CLASS_LOADER);
		assertThat(plain).containsAll(Variant.PLAIN.excludedAutoConfigurations(CLASS_LOADER))
			.containsAll(Security.NONE.excludedAutoConfigurations(CLASS_LOADER))
			.doesNotContain("com.altscodex.spring.autoconfigure.AltsCodexAutoConfiguration");
		assertThat(BenchServers.excludedAutoConfigurations(Variant.OBSERVED, Security.STARTER, false, CLASS_LOADER))
			.isEmpty();
		assertThat(BenchServers.excludedAutoConfigurations(Variant.OBSERVED, Security.NONE, true, CLASS_LOADER))
			.contains("com.altscodex.spring.autoconfigure.AltsCodexAutoConfiguration");
	}

	@Test
	void defaultsTurnTheStartersSecurityOffForSpringSecuritysOwnChainOnly() {
		assertThat(BenchServers.defaults(Security.FORM_LOGIN, Set.of())).containsEntry("altscodex.security.enabled",
				"false");
		assertThat(BenchServers.defaults(Security.STARTER, Set.of())).doesNotContainKey("altscodex.security.enabled")
			.doesNotContainKey("spring.autoconfigure.exclude");
		assertThat(BenchServers.defaults(Security.NONE, new java.util.TreeSet<>(Set.of("c.D", "a.B")))).containsEntry(
				"spring.autoconfigure.exclude", "a.B,c.D");
	}

	private static String[] properties(Variant variant, Security security) {
		Map<String, Object> defaults = BenchServers.defaults(security,
				BenchServers.excludedAutoConfigurations(variant, security, false, CLASS_LOADER));
		java.util.List<String> properties = new java.util.ArrayList<>(defaults.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.toList());
		properties.add(BenchServers.SECURITY_PROPERTY + "=" + security.propertyValue());
		return properties.toArray(String[]::new);
	}

}
