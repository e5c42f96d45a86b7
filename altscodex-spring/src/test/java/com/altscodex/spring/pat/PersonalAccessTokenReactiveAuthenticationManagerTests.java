package com.altscodex.spring.pat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.authority.AuthorityUtils;

import com.altscodex.spring.client.FailureKind;
import com.altscodex.spring.pat.r2dbc.R2dbcPersonalAccessTokenService;
import com.altscodex.spring.rbac.CachingReactiveRoleService;
import com.altscodex.spring.rbac.r2dbc.R2dbcRoleService;
import com.altscodex.spring.security.AltsCodexAuthenticationException;
import com.altscodex.spring.testsupport.r2dbc.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token authentication against a real (in-memory) H2 holding both roles and tokens: a
 * token's authorities are its scopes as far as its owner holds them now.
 */
class PersonalAccessTokenReactiveAuthenticationManagerTests {

	private CachingReactiveRoleService roles;

	private R2dbcPersonalAccessTokenService tokens;

	private PersonalAccessTokenReactiveAuthenticationManager manager;

	@BeforeEach
	void newDatabase() {
		ConnectionFactory h2 = TestDatabases.h2("pat-manager-" + UUID.randomUUID());
		TestDatabases.applySchema(h2, R2dbcRoleService.SCHEMA_LOCATION_PATTERN, TestDatabases.H2);
		TestDatabases.applySchema(h2, R2dbcPersonalAccessTokenService.SCHEMA_LOCATION_PATTERN, TestDatabases.H2);
		this.roles = new CachingReactiveRoleService(
				new R2dbcRoleService(DatabaseClient.create(h2), new R2dbcTransactionManager(h2)), Duration.ofMinutes(1),
				100);
		this.tokens = new R2dbcPersonalAccessTokenService(DatabaseClient.create(h2), new R2dbcTransactionManager(h2));
		this.manager = new PersonalAccessTokenReactiveAuthenticationManager(this.tokens, this.roles);
		this.roles.createRole("admin", null, "test").block();
		this.roles.grant("admin", "*", "test").block();
		this.roles.createRole("reader", null, "test").block();
		this.roles.grant("reader", "reports:read", "test").block();
	}

	@Test
	void liveTokenThenTheOwnerAndTheScopesTheyHold() {
		this.roles.assign("alice", "admin", "test").block();
		CreatedPersonalAccessToken created = this.tokens
			.create("alice", "ci", List.of("reports:read", "billing:*"), null)
			.block();

		this.manager.authenticate(new PersonalAccessTokenAuthenticationToken(created.rawToken()))
			.as(StepVerifier::create)
			.assertNext((authentication) -> {
				assertThat(authentication.isAuthenticated()).isTrue();
				assertThat(authentication.getName()).isEqualTo("alice");
				assertThat(((PersonalAccessTokenPrincipal) authentication.getPrincipal()).tokenId())
					.isEqualTo(created.token().id());
				assertThat(AuthorityUtils.authorityListToSet(authentication.getAuthorities()))
					.containsExactlyInAnyOrder("reports:read", "billing:*");
				assertThat(authentication.toString()).doesNotContain(created.rawToken().substring(14));
			})
			.verifyComplete();
	}

	@Test
	void ownerLosesTheRoleThenTheTokenLosesThePermissions() {
		this.roles.assign("alice", "admin", "test").block();
		String raw = this.tokens.create("alice", "ci", List.of("reports:*", "billing:read"), null).block().rawToken();
		this.roles.unassign("alice", "admin", "test").block();
		this.roles.assign("alice", "reader", "test").block();

		this.manager.authenticate(new PersonalAccessTokenAuthenticationToken(raw))
			.as(StepVerifier::create)
			.assertNext((authentication) -> assertThat(AuthorityUtils.authorityListToSet(authentication.getAuthorities()))
				.containsExactly("reports:read"))
			.verifyComplete();
	}

	@Test
	void revokedUnknownOrExpiredThenTheSameFailure() {
		this.roles.assign("alice", "reader", "test").block();
		CreatedPersonalAccessToken created = this.tokens.create("alice", "ci", List.of("reports:read"), null).block();
		this.tokens.revoke("alice", created.token().id()).block();

		for (String raw : List.of(created.rawToken(), new PersonalAccessTokenCodec().generate())) {
			this.manager.authenticate(new PersonalAccessTokenAuthenticationToken(raw))
				.as(StepVerifier::create)
				.expectErrorSatisfies((failure) -> assertThat(((AltsCodexAuthenticationException) failure).getKind())
					.isEqualTo(FailureKind.INVALID_PERSONAL_ACCESS_TOKEN))
				.verify();
		}
	}

	@Test
	void storeFailsThenStoreUnavailableNotAnInvalidToken() {
		ConnectionFactory empty = TestDatabases.h2("no-schema-" + UUID.randomUUID());
		PersonalAccessTokenReactiveAuthenticationManager broken = new PersonalAccessTokenReactiveAuthenticationManager(
				new R2dbcPersonalAccessTokenService(DatabaseClient.create(empty), new R2dbcTransactionManager(empty)),
				this.roles);

		broken.authenticate(new PersonalAccessTokenAuthenticationToken(new PersonalAccessTokenCodec().generate()))
			.as(StepVerifier::create)
			.expectErrorSatisfies((failure) -> assertThat(((AltsCodexAuthenticationException) failure).getKind())
				.isEqualTo(FailureKind.STORE_UNAVAILABLE))
			.verify();
	}

	@Test
	void otherAuthenticationThenNotMine() {
		this.manager.authenticate(new org.springframework.security.authentication.TestingAuthenticationToken("a", "b"))
			.as(StepVerifier::create)
			.verifyComplete();
	}

}
