package com.altscodex.spring;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The library's house rules, beyond what the compiler keeps: its packages depend on one
 * another in one direction only (tokens on roles on security on web on client on pending,
 * the stores apart), and none of them
 * on Spring Boot (not even by a name the compiler would not see, such as an annotation's class).
 */
class LibraryArchitectureTests {

	private static final JavaClasses LIBRARY = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("com.altscodex.spring");

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("com.altscodex.spring.(**)").should().beFreeOfCycles().check(LIBRARY);
	}

	@Test
	void nothingDependsOnSpringBoot() {
		noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework.boot..").check(LIBRARY);
	}

	@Test
	void pendingLoginsDependOnNoOtherPackageOfTheLibrary() {
		noClasses().that()
			.resideInAPackage("com.altscodex.spring.client.pending..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("com.altscodex.spring.client", "com.altscodex.spring.web..")
			.check(LIBRARY);
	}

	@Test
	void clientDependsNotOnTheWebIntegration() {
		noClasses().that()
			.resideInAPackage("com.altscodex.spring.client..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("com.altscodex.spring.web..")
			.check(LIBRARY);
	}

	@Test
	void onlyTheSecurityIntegrationKnowsSpringSecurity() {
		noClasses().that()
			.resideInAnyPackage("com.altscodex.spring.client..", "com.altscodex.spring.web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("com.altscodex.spring.security..", "org.springframework.security..",
					"io.github.bucket4j..")
			.check(LIBRARY);
	}

	@Test
	void bucket4jOnlyInTheRateLimiters() {
		noClasses().that()
			.doNotHaveSimpleName("InMemorySignInRateLimiter")
			.and()
			.resideOutsideOfPackage("com.altscodex.spring.security.ratelimit.redis")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.bucket4j..")
			.check(LIBRARY);
	}

	@Test
	void redisOnlyInRedisPackages() {
		noClasses().that()
			.resideOutsideOfPackage("..redis..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.lettuce..", "org.springframework.data.redis..", "io.github.bucket4j.redis..")
			.check(LIBRARY);
	}


	@Test
	void onlyTheStoresKnowR2dbc() {
		noClasses().that()
			.resideOutsideOfPackages("com.altscodex.spring.rbac.r2dbc..", "com.altscodex.spring.pat.r2dbc..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.r2dbc..", "io.r2dbc..")
			.check(LIBRARY);
	}

	@Test
	void caffeineOnlyInRolesAndTokens() {
		noClasses().that()
			.resideOutsideOfPackages("com.altscodex.spring.rbac", "com.altscodex.spring.pat")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("com.github.benmanes.caffeine..")
			.check(LIBRARY);
	}

	@Test
	void signInKnowsNothingOfRolesAndTokens() {
		noClasses().that()
			.resideInAnyPackage("com.altscodex.spring.security..", "com.altscodex.spring.client..",
					"com.altscodex.spring.web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("com.altscodex.spring.rbac..", "com.altscodex.spring.pat..")
			.check(LIBRARY);
	}

	@Test
	void rolesKnowNothingOfTokens() {
		noClasses().that()
			.resideInAPackage("com.altscodex.spring.rbac..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("com.altscodex.spring.pat..")
			.check(LIBRARY);
	}

}
