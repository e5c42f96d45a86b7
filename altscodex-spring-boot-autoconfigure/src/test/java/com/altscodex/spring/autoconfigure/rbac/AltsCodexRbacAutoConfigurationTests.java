package com.altscodex.spring.autoconfigure.rbac;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.web.reactive.function.server.RouterFunction;

import com.altscodex.spring.autoconfigure.AltsCodexAutoConfiguration;
import com.altscodex.spring.autoconfigure.AltsCodexWebFluxAutoConfiguration;
import com.altscodex.spring.autoconfigure.InvalidAltsCodexPropertyException;
import com.altscodex.spring.autoconfigure.security.AltsCodexSecurityAutoConfiguration;
import com.altscodex.spring.pat.PersonalAccessTokenConfigurer;
import com.altscodex.spring.pat.ReactivePersonalAccessTokenService;
import com.altscodex.spring.rbac.CachingReactiveRoleService;
import com.altscodex.spring.rbac.ReactiveRoleService;
import com.altscodex.spring.rbac.RoleCycleException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

@ExtendWith(OutputCaptureExtension.class)
class AltsCodexRbacAutoConfigurationTests {

	private static final String[] CLIENT = { "altscodex.client-id=my-client", "altscodex.client-secret=s3cr3t-value",
			"altscodex.redirect-uri=https://app.example.com/getinfo" };

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AltsCodexAutoConfiguration.class,
				AltsCodexWebFluxAutoConfiguration.class, AltsCodexSecurityAutoConfiguration.class,
				AltsCodexRbacAutoConfiguration.class, R2dbcAutoConfiguration.class, WebClientAutoConfiguration.class,
				JacksonAutoConfiguration.class, WebFluxAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class))
		.withPropertyValues(CLIENT);

	@Test
	void connectionFactoryThenRolesTokensAndTheirTablesInTheInMemoryDatabase(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CachingReactiveRoleService.class);
			assertThat(context).hasSingleBean(ReactivePersonalAccessTokenService.class);
			assertThat(context).hasSingleBean(PersonalAccessTokenConfigurer.class);
			assertThat(context).hasSingleBean(AltsCodexStoreSchemaInitializer.class);
			assertThat(context).doesNotHaveBean("altsCodexPersonalAccessTokenRoutes");
			assertThat(context).doesNotHaveBean("altsCodexRbacAdminRoutes");
			// the tables exist: the query answers (other tests of this JVM share Boot's in-memory database)
			assertThat(context.getBean(ReactiveRoleService.class).findRoles().collectList().block()).isNotNull();
		});
		assertThat(output).contains("in-memory database: they will not survive a restart")
			.contains("spring.r2dbc.url");
	}

	@Test
	void fileDatabaseThenNoWarning(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("spring.r2dbc.url=r2dbc:h2:file:///./target/rbac-autoconfig-" + System.nanoTime(),
					"altscodex.store.initialize-schema=always")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("will not survive a restart");
	}

	@Test
	void noConnectionFactoryThenNothingOfOurs() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ConnectionFactory.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(ReactiveRoleService.class);
		});
	}

	@Test
	void noCaffeineThenNothingOfOurs() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Caffeine.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(ReactiveRoleService.class);
		});
	}

	@Test
	void rbacDisabledThenNeitherRolesNorTokens() {
		this.contextRunner.withPropertyValues("altscodex.rbac.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ReactiveRoleService.class);
			assertThat(context).doesNotHaveBean(ReactivePersonalAccessTokenService.class);
		});
	}

	@Test
	void tokensDisabledThenRolesOnly() {
		this.contextRunner.withPropertyValues("altscodex.pat.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(ReactiveRoleService.class);
			assertThat(context).doesNotHaveBean(ReactivePersonalAccessTokenService.class);
			assertThat(context).doesNotHaveBean(PersonalAccessTokenConfigurer.class);
		});
	}

	@Test
	void apisEnabledThenTheirRoutes() {
		this.contextRunner.withPropertyValues("altscodex.pat.api.enabled=true", "altscodex.rbac.api.enabled=true")
			.run((context) -> assertThat(context).getBeanNames(RouterFunction.class)
				.contains("altsCodexPersonalAccessTokenRoutes", "altsCodexRbacAdminRoutes"));
	}

	@Test
	void applicationRoleServiceThenUsedInstead() {
		ReactiveRoleService own = mock(ReactiveRoleService.class);
		this.contextRunner.withBean(ReactiveRoleService.class, () -> own).run((context) -> {
			assertThat(context).hasSingleBean(ReactiveRoleService.class);
			assertThat(context.getBean(ReactiveRoleService.class)).isSameAs(own);
		});
	}

	@Test
	void reactiveMethodSecurityThenOurExpressionHandlerReplacesSpringSecuritysFallback() {
		this.contextRunner.withUserConfiguration(MethodSecurity.class).run((context) -> {
			assertThat(context).getBeanNames(MethodSecurityExpressionHandler.class)
				.contains("altsCodexMethodSecurityExpressionHandler");
			assertThat(context.getBeanProvider(MethodSecurityExpressionHandler.class).getIfUnique())
				.isSameAs(context.getBean("altsCodexMethodSecurityExpressionHandler"));
		});
	}

	@Test
	void applicationExpressionHandlerThenOursBacksOff() {
		this.contextRunner.withUserConfiguration(MethodSecurity.class)
			.withBean("ownHandler", MethodSecurityExpressionHandler.class, DefaultMethodSecurityExpressionHandler::new)
			.run((context) -> assertThat(context).getBeanNames(MethodSecurityExpressionHandler.class)
				.doesNotContain("altsCodexMethodSecurityExpressionHandler"));
	}

	@Test
	void seededRolesThenCreatedOnceHowEverOftenTheApplicationStarts() {
		String url = "spring.r2dbc.url=r2dbc:h2:mem:///seeded-" + System.nanoTime() + "?options=DB_CLOSE_DELAY=-1";
		String[] seeds = { url, "altscodex.rbac.roles.reader.permissions=reports:read",
				"altscodex.rbac.roles.admin.permissions=*", "altscodex.rbac.roles.admin.includes=reader",
				"altscodex.rbac.bootstrap.admin=alice", "altscodex.rbac.bootstrap.auditor=carol" };
		this.contextRunner.withPropertyValues(seeds).run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner.withPropertyValues(seeds).run((context) -> {
			ReactiveRoleService roles = context.getBean(ReactiveRoleService.class);
			assertThat(roles.loadAuthorizations("alice").block().roles()).containsExactlyInAnyOrder("admin",
					"reader");
			assertThat(roles.findAssignedRoles("carol").collectList().block()).containsExactly("auditor");
			assertThat(roles.findAuditEntries(100).collectList().block()).as("the second start recorded nothing")
				.hasSize(8);
		});
	}

	@Test
	void seededCycleThenStartUpFails() {
		this.contextRunner
			.withPropertyValues("altscodex.rbac.roles.a.includes=b", "altscodex.rbac.roles.b.includes=a")
			.run((context) -> assertThat(context).getFailure().rootCause().isInstanceOf(RoleCycleException.class));
	}

	@Test
	void invalidPermissionInARoleThenStartUpFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("altscodex.rbac.roles.reader.permissions=Reports Read")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidAltsCodexPropertyException.class)
				.hasMessageContaining("altscodex.rbac.roles.reader.permissions"));
	}

	@Test
	void invalidAdminPermissionOrPathThenStartUpFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("altscodex.rbac.api.permission=admin!")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("altscodex.rbac.api.permission"));
		this.contextRunner.withPropertyValues("altscodex.pat.api.path=api/tokens/")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("altscodex.pat.api.path"));
		this.contextRunner.withPropertyValues("altscodex.pat.max-tokens-per-user=-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("altscodex.pat.max-tokens-per-user"));
	}

	@Test
	void schemaNeverThenNoTablesMade() {
		this.contextRunner.withPropertyValues("altscodex.store.initialize-schema=never",
				"spring.r2dbc.url=r2dbc:h2:mem:///never-" + System.nanoTime()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ReactiveRoleService.class)
				.findRoles()
				.collectList()
				.map((roles) -> "a table")
				.onErrorReturn("no table")
				.block()).isEqualTo("no table");
		});
	}

	@EnableReactiveMethodSecurity
	static class MethodSecurity {

	}

}
