package com.altscodex.benchmarks.server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.benchmarks.app.BenchApp;
import com.altscodex.spring.rbac.ReactiveRoleService;
import com.altscodex.spring.security.AltsCodexLoginConfigurer;
import com.altscodex.spring.security.AltsCodexUserService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The apps under load as {@link BenchServers} starts them: without Spring Security unless
 * asked for, with the starter's default chain or Spring Security's form login when asked,
 * and the authz stage's on the starter's chain with roles and tokens on or off.
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
	void rbacAuthorizationRunsTheStartersChainWithTheBenchEndpointsAndMintsATokenForEachUserOfTheRole(
			@TempDir Path dir) throws Exception {
		Path tokens = dir.resolve("tokens.txt");
		this.contextRunner.withPropertyValues(properties(Variant.PLAIN, Security.STARTER, Authorization.RBAC))
			.withPropertyValues(Authorization.BOOTSTRAP_PROPERTY + "=bench-user-1,bench-user-2",
					AuthorizationBenchConfiguration.TOKEN_FILE_PROPERTY + "=" + tokens)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(SecurityWebFilterChain.class))
					.containsOnlyKeys("authorizationBenchSecurity");
				assertThat(context).hasSingleBean(ReactiveRoleService.class);
				assertThat(context).hasSingleBean(SecuredBenchConfiguration.BenchControlWebFilter.class);
				// Spring Boot runs it before the app reports ready; the context runner does not
				context.getBean(PersonalAccessTokenFile.class).run(null);
				List<String> lines = Files.readAllLines(tokens, StandardCharsets.US_ASCII);
				assertThat(lines).hasSize(2);
				assertThat(lines.get(0)).startsWith("bench-user-1\taltscodex_pat_");
				WebTestClient client = WebTestClient.bindToApplicationContext(context).build();
				hello(client.get().uri(AuthorizationBenchConfiguration.PUBLIC_PATH));
				client.get()
					.uri(AuthorizationBenchConfiguration.REPORTS_PATH)
					.accept(MediaType.APPLICATION_JSON)
					.exchange()
					.expectStatus()
					.isUnauthorized();
				hello(client.get()
					.uri(AuthorizationBenchConfiguration.REPORTS_PATH)
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + lines.get(1).split("\t")[1]));
			});
	}

	@Test
	void withoutRbacAuthorizationGivesThePermissionFromTheUserServiceWithoutRoles() {
		this.contextRunner.withPropertyValues(properties(Variant.PLAIN, Security.STARTER, Authorization.WITHOUT_RBAC))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(SecurityWebFilterChain.class))
					.containsOnlyKeys("authorizationBenchSecurity");
				assertThat(context).doesNotHaveBean(ReactiveRoleService.class);
				assertThat(context.getBeansOfType(AltsCodexUserService.class)).containsOnlyKeys("benchUserService");
				hello(WebTestClient.bindToApplicationContext(context)
					.build()
					.get()
					.uri(AuthorizationBenchConfiguration.PUBLIC_PATH));
			});
	}

	@Test
	void authorizationWithoutTheStartersChainIsRefusedBeforeTheAppStarts() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchServers.run(BenchApp.class, new String[] { "--bench.authorization=rbac" }))
			.withMessageContaining("bench.security=starter");
	}

	private static void hello(WebTestClient.RequestHeadersSpec<?> request) {
		request.exchange().expectStatus().isOk().expectBody(String.class).isEqualTo(SecuredBenchConfiguration.HELLO);
	}

	@Test
	void excludedAutoConfigurationsAddTheVariantsTheSecuritysAndTheStarters() {
		Set<String> plain = BenchServers.excludedAutoConfigurations(Variant.PLAIN, Security.NONE, false, CLASS_LOADER);
		assertThat(plain).containsAll(Variant.PLAIN.excludedAutoConfigurations(CLASS_LOADER))
			.containsAll(Security.NONE.excludedAutoConfigurations(CLASS_LOADER))
			.doesNotContain("com.altscodex.spring.autoconfigure.AltsCodexAutoConfiguration");
		// in memory, as every stage but the cluster stage runs: no Redis, no Spring Session
		assertThat(BenchServers.excludedAutoConfigurations(Variant.OBSERVED, Security.STARTER, false, CLASS_LOADER))
			.isEqualTo(Store.MEMORY.excludedAutoConfigurations(CLASS_LOADER));
		assertThat(BenchServers.excludedAutoConfigurations(Variant.OBSERVED, Security.STARTER, Store.REDIS, false,
				CLASS_LOADER))
			.isEmpty();
		assertThat(BenchServers.excludedAutoConfigurations(Variant.OBSERVED, Security.NONE, true, CLASS_LOADER))
			.contains("com.altscodex.spring.autoconfigure.AltsCodexAutoConfiguration");
	}

	@Test
	void defaultsTurnTheStartersSecurityOffForSpringSecuritysOwnChainOnly() {
		assertThat(BenchServers.defaults(Security.FORM_LOGIN, Authorization.NONE, Set.of()))
			.containsEntry("altscodex.security.enabled", "false");
		assertThat(BenchServers.defaults(Security.STARTER, Authorization.NONE, Set.of()))
			.doesNotContainKey("altscodex.security.enabled")
			.doesNotContainKey("spring.autoconfigure.exclude");
		assertThat(BenchServers.defaults(Security.NONE, Authorization.NONE,
				new java.util.TreeSet<>(Set.of("c.D", "a.B"))))
			.containsEntry("spring.autoconfigure.exclude", "a.B,c.D");
	}

	@Test
	void defaultsAddTheAuthorizations() {
		assertThat(BenchServers.defaults(Security.STARTER, Authorization.WITHOUT_RBAC, Set.of()))
			.containsEntry("altscodex.rbac.enabled", "false");
		assertThat(BenchServers.defaults(Security.STARTER, Authorization.RBAC, Set.of()))
			.containsEntry("altscodex.rbac.roles.reader.permissions", "reports:read")
			.doesNotContainKey("altscodex.rbac.enabled");
	}

	private static String[] properties(Variant variant, Security security) {
		return properties(variant, security, Authorization.NONE);
	}

	private static String[] properties(Variant variant, Security security, Authorization authorization) {
		Map<String, Object> defaults = BenchServers.defaults(security, authorization,
				BenchServers.excludedAutoConfigurations(variant, security, false, CLASS_LOADER));
		java.util.List<String> properties = new java.util.ArrayList<>(defaults.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.toList());
		properties.add(BenchServers.SECURITY_PROPERTY + "=" + security.propertyValue());
		properties.add(BenchServers.AUTHORIZATION_PROPERTY + "=" + authorization.propertyValue());
		return properties.toArray(String[]::new);
	}

}
