package com.altscodex.spring.rbac.r2dbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;

import com.altscodex.spring.client.FailureKind;
import com.altscodex.spring.rbac.AuditAction;
import com.altscodex.spring.rbac.AuditEntry;
import com.altscodex.spring.rbac.InvalidNameException;
import com.altscodex.spring.rbac.ReactiveRoleService;
import com.altscodex.spring.rbac.Role;
import com.altscodex.spring.rbac.RoleCycleException;
import com.altscodex.spring.rbac.RoleExistsException;
import com.altscodex.spring.rbac.RoleNotFoundException;
import com.altscodex.spring.rbac.UserAuthorizations;
import com.altscodex.spring.testsupport.r2dbc.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link R2dbcRoleService} does on every database it supports; a subclass names the
 * database.
 */
abstract class AbstractR2dbcRoleServiceTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Instant NOW = Instant.parse("2026-12-01T10:15:30.123456Z");

	private static final String ACTOR = "admin-slot";

	private ConnectionFactory connectionFactory;

	private DatabaseClient databaseClient;

	private R2dbcRoleService roles;

	/**
	 * The database's platform, as in {@link R2dbcRoleService#SCHEMA_LOCATION_PATTERN}.
	 */
	abstract String platform();

	/**
	 * The database, the same for every test of a class.
	 */
	abstract ConnectionFactory connectionFactory();

	@BeforeEach
	void setUp() {
		this.connectionFactory = connectionFactory();
		TestDatabases.applySchemaOnce(this.connectionFactory, R2dbcRoleService.SCHEMA_LOCATION_PATTERN, platform());
		TestDatabases.deleteAll(this.connectionFactory, "altscodex_user_roles", "altscodex_role_inclusions",
				"altscodex_role_permissions", "altscodex_role_audit_log", "altscodex_roles");
		this.databaseClient = DatabaseClient.create(this.connectionFactory);
		this.roles = new R2dbcRoleService(this.databaseClient, new R2dbcTransactionManager(this.connectionFactory));
		this.roles.setClock(Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void schemaWhenAppliedAgainThenSucceeds() {
		TestDatabases.applySchema(this.connectionFactory, R2dbcRoleService.SCHEMA_LOCATION_PATTERN, platform());
		TestDatabases.applySchema(this.connectionFactory, R2dbcRoleService.SCHEMA_LOCATION_PATTERN, platform());
		this.roles.createRole("viewer", null, ACTOR).as(StepVerifier::create).expectNextCount(1).verifyComplete();
	}

	@Test
	void createRoleThenFoundWithoutPermissions() {
		this.roles.createRole("viewer", "Reads reports", ACTOR)
			.as(StepVerifier::create)
			.expectNext(new Role("viewer", "Reads reports", Set.of(), Set.of()))
			.verifyComplete();
		this.roles.findRole("viewer")
			.as(StepVerifier::create)
			.expectNext(new Role("viewer", "Reads reports", Set.of(), Set.of()))
			.verifyComplete();
	}

	@Test
	void createRoleWhenNameTakenThenRoleExists() {
		create("viewer");
		this.roles.createRole("viewer", null, ACTOR)
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(RoleExistsException.class)
				.hasMessageContaining("viewer")
				.extracting((e) -> ((RoleExistsException) e).getKind())
				.isEqualTo(FailureKind.ROLE_EXISTS))
			.verify(TIMEOUT);
		assertThat(auditEntries()).hasSize(1);
	}

	@Test
	void createRoleWhenNameInvalidThenInvalidName() {
		for (String name : new String[] { "", "1viewer", "viewer!", "a".repeat(Role.MAX_NAME_LENGTH + 1) }) {
			this.roles.createRole(name, null, ACTOR)
				.as(StepVerifier::create)
				.expectError(InvalidNameException.class)
				.verify(TIMEOUT);
		}
		this.roles.findRoles().as(StepVerifier::create).verifyComplete();
	}

	@Test
	void createRoleWhenDescriptionTooLongThenInvalidName() {
		this.roles.createRole("viewer", "d".repeat(Role.MAX_DESCRIPTION_LENGTH + 1), ACTOR)
			.as(StepVerifier::create)
			.expectError(InvalidNameException.class)
			.verify(TIMEOUT);
	}

	@Test
	void createRoleWhenActorInvalidThenInvalidNameAndNothingCreated() {
		for (String actor : new String[] { "", "a".repeat(ReactiveRoleService.MAX_ACTOR_LENGTH + 1) }) {
			this.roles.createRole("viewer", null, actor)
				.as(StepVerifier::create)
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidNameException.class)
					.hasMessageContaining("actor"))
				.verify(TIMEOUT);
		}
		this.roles.findRole("viewer").as(StepVerifier::create).verifyComplete();
	}

	@Test
	void createRoleWhenActorHasMaximumLengthThenCreated() {
		this.roles.createRole("viewer", null, "a".repeat(ReactiveRoleService.MAX_ACTOR_LENGTH))
			.as(StepVerifier::create)
			.expectNextCount(1)
			.verifyComplete();
	}

	@Test
	void findRoleWhenMissingThenEmpty() {
		this.roles.findRole("viewer").as(StepVerifier::create).verifyComplete();
	}

	@Test
	void findRoleThenDirectPermissionsAndInclusions() {
		create("admin");
		create("editor");
		create("viewer");
		grant("editor", "reports:write");
		grant("viewer", "reports:read");
		include("admin", "editor");
		include("editor", "viewer");
		this.roles.findRole("editor")
			.as(StepVerifier::create)
			.expectNext(new Role("editor", null, Set.of("reports:write"), Set.of("viewer")))
			.verifyComplete();
	}

	@Test
	void findRolesThenEveryRoleByName() {
		create("viewer");
		create("admin");
		create("editor");
		grant("admin", "*");
		grant("admin", "users:manage");
		include("admin", "editor");
		this.roles.findRoles()
			.as(StepVerifier::create)
			.expectNext(new Role("admin", null, Set.of("*", "users:manage"), Set.of("editor")))
			.expectNext(new Role("editor", null, Set.of(), Set.of()))
			.expectNext(new Role("viewer", null, Set.of(), Set.of()))
			.verifyComplete();
	}

	@Test
	void deleteRoleWhenMissingThenFalseAndNotAudited() {
		this.roles.deleteRole("viewer", ACTOR).as(StepVerifier::create).expectNext(false).verifyComplete();
		assertThat(auditEntries()).isEmpty();
	}

	@Test
	void deleteRoleThenGrantsInclusionsAndAssignmentsGoWithIt() {
		create("admin");
		create("editor");
		create("viewer");
		grant("editor", "reports:write");
		include("admin", "editor");
		include("editor", "viewer");
		assign("slot-1", "editor");
		assign("slot-1", "admin");
		int before = auditEntries().size();
		this.roles.deleteRole("editor", ACTOR).as(StepVerifier::create).expectNext(true).verifyComplete();
		this.roles.findRole("editor").as(StepVerifier::create).verifyComplete();
		this.roles.findRole("admin")
			.as(StepVerifier::create)
			.expectNext(new Role("admin", null, Set.of(), Set.of()))
			.verifyComplete();
		this.roles.findAssignedRoles("slot-1").as(StepVerifier::create).expectNext("admin").verifyComplete();
		this.roles.loadAuthorizations("slot-1")
			.as(StepVerifier::create)
			.assertNext((authorizations) -> {
				assertThat(authorizations.roles()).containsExactly("admin");
				assertThat(authorizations.permissions().isEmpty()).isTrue();
			})
			.verifyComplete();
		assertThat(count("SELECT COUNT(*) FROM altscodex_role_permissions WHERE role = 'editor'")).isZero();
		assertThat(count("SELECT COUNT(*) FROM altscodex_role_inclusions WHERE role = 'editor' OR included_role = 'editor'"))
			.isZero();
		List<AuditEntry> entries = auditEntries();
		assertThat(entries).hasSize(before + 1);
		assertThat(entries.get(0)).satisfies((entry) -> {
			assertThat(entry.action()).isEqualTo(AuditAction.ROLE_DELETED);
			assertThat(entry.role()).isEqualTo("editor");
			assertThat(entry.subject()).isNull();
		});
	}

	@Test
	void deleteRoleThenNameCanBeTakenAgain() {
		create("viewer");
		grant("viewer", "reports:read");
		this.roles.deleteRole("viewer", ACTOR).as(StepVerifier::create).expectNext(true).verifyComplete();
		create("viewer");
		this.roles.findRole("viewer")
			.as(StepVerifier::create)
			.expectNext(new Role("viewer", null, Set.of(), Set.of()))
			.verifyComplete();
	}

	@Test
	void grantThenRoleHasPermission() {
		create("viewer");
		this.roles.grant("viewer", "reports:read", ACTOR).as(StepVerifier::create).expectNext(true).verifyComplete();
		assertThat(this.roles.findRole("viewer").block(TIMEOUT).permissions()).containsExactly("reports:read");
	}

	@Test
	void grantWhenGrantedThenFalseAndNotAudited() {
		create("viewer");
		grant("viewer", "reports:read");
		int before = auditEntries().size();
		this.roles.grant("viewer", "reports:read", ACTOR).as(StepVerifier::create).expectNext(false).verifyComplete();
		assertThat(auditEntries()).hasSize(before);
	}

	@Test
	void grantWhenManyAtOnceThenOneGrantAndOneAuditEntry() {
		create("viewer");
		Flux.range(0, 20)
			.flatMap((i) -> this.roles.grant("viewer", "reports:read", "actor-" + i), 20)
			.collectList()
			.as(StepVerifier::create)
			.assertNext((answers) -> assertThat(answers).containsOnlyOnce(true).hasSize(20))
			.verifyComplete();
		assertThat(auditEntries()).filteredOn((entry) -> entry.action() == AuditAction.PERMISSION_GRANTED).hasSize(1);
	}

	@Test
	void grantWhenRoleMissingThenRoleNotFound() {
		this.roles.grant("viewer", "reports:read", ACTOR)
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(RoleNotFoundException.class)
				.extracting((e) -> ((RoleNotFoundException) e).getRole())
				.isEqualTo("viewer"))
			.verify(TIMEOUT);
		assertThat(auditEntries()).isEmpty();
	}

	@Test
	void grantWhenPermissionInvalidThenInvalidName() {
		create("viewer");
		for (String permission : new String[] { "", "Reports:Read", "reports::read", "reports read", ":read",
				"r".repeat(101) }) {
			this.roles.grant("viewer", permission, ACTOR)
				.as(StepVerifier::create)
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidNameException.class)
					.hasMessageContaining("permission"))
				.verify(TIMEOUT);
		}
		assertThat(this.roles.findRole("viewer").block(TIMEOUT).permissions()).isEmpty();
	}

	@Test
	void grantWhenRoleNameInvalidThenInvalidName() {
		this.roles.grant("no such role", "reports:read", ACTOR)
			.as(StepVerifier::create)
			.expectError(InvalidNameException.class)
			.verify(TIMEOUT);
	}

	@Test
	void revokeThenRoleLosesPermission() {
		create("viewer");
		grant("viewer", "reports:read");
		grant("viewer", "reports:list");
		this.roles.revoke("viewer", "reports:read", ACTOR).as(StepVerifier::create).expectNext(true).verifyComplete();
		assertThat(this.roles.findRole("viewer").block(TIMEOUT).permissions()).containsExactly("reports:list");
	}

	@Test
	void revokeWhenNotGrantedThenFalseAndNotAudited() {
		create("viewer");
		int before = auditEntries().size();
		this.roles.revoke("viewer", "reports:read", ACTOR).as(StepVerifier::create).expectNext(false).verifyComplete();
		assertThat(auditEntries()).hasSize(before);
	}

	@Test
	void revokeWhenRoleMissingThenRoleNotFound() {
		this.roles.revoke("viewer", "reports:read", ACTOR)
			.as(StepVerifier::create)
			.expectError(RoleNotFoundException.class)
			.verify(TIMEOUT);
	}

	@Test
	void includeThenIncluded() {
		create("editor");
		create("viewer");
		this.roles.include("editor", "viewer", ACTOR).as(StepVerifier::create).expectNext(true).verifyComplete();
		assertThat(this.roles.findRole("editor").block(TIMEOUT).includes()).containsExactly("viewer");
		assertThat(this.roles.findRole("viewer").block(TIMEOUT).includes()).isEmpty();
	}

	@Test
	void includeWhenIncludedThenFalseAndNotAudited() {
		create("editor");
		create("viewer");
		include("editor", "viewer");
		int before = auditEntries().size();
		this.roles.include("editor", "viewer", ACTOR).as(StepVerifier::create).expectNext(false).verifyComplete();
		assertThat(auditEntries()).hasSize(before);
	}

	@Test
	void includeWhenSelfThenRoleCycle() {
		create("viewer");
		this.roles.include("viewer", "viewer", ACTOR)
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(RoleCycleException.class)
				.extracting((e) -> ((RoleCycleException) e).getKind())
				.isEqualTo(FailureKind.ROLE_CYCLE))
			.verify(TIMEOUT);
	}

	@Test
	void includeWhenIncludedIncludesRoleDirectlyThenRoleCycle() {
		create("editor");
		create("viewer");
		include("editor", "viewer");
		int before = auditEntries().size();
		this.roles.include("viewer", "editor", ACTOR)
			.as(StepVerifier::create)
			.expectError(RoleCycleException.class)
			.verify(TIMEOUT);
		assertThat(this.roles.findRole("viewer").block(TIMEOUT).includes()).isEmpty();
		assertThat(auditEntries()).hasSize(before);
	}

	@Test
	void includeWhenIncludedIncludesRoleIndirectlyThenRoleCycle() {
		create("admin");
		create("editor");
		create("viewer");
		create("guest");
		include("admin", "editor");
		include("editor", "viewer");
		include("viewer", "guest");
		this.roles.include("guest", "admin", ACTOR)
			.as(StepVerifier::create)
			.expectError(RoleCycleException.class)
			.verify(TIMEOUT);
		this.roles.include("viewer", "admin", ACTOR)
			.as(StepVerifier::create)
			.expectError(RoleCycleException.class)
			.verify(TIMEOUT);
		// a diamond is no cycle
		this.roles.include("admin", "guest", ACTOR).as(StepVerifier::create).expectNext(true).verifyComplete();
	}

	@Test
	void includeWhenEitherRoleMissingThenRoleNotFound() {
		create("editor");
		this.roles.include("editor", "viewer", ACTOR)
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> assertThat(((RoleNotFoundException) ex).getRole()).isEqualTo("viewer"))
			.verify(TIMEOUT);
		this.roles.include("viewer", "editor", ACTOR)
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> assertThat(((RoleNotFoundException) ex).getRole()).isEqualTo("viewer"))
			.verify(TIMEOUT);
		this.roles.include("guest", "guest", ACTOR)
			.as(StepVerifier::create)
			.expectError(RoleNotFoundException.class)
			.verify(TIMEOUT);
	}

	@Test
	void excludeThenNoLongerIncluded() {
		create("editor");
		create("viewer");
		include("editor", "viewer");
		this.roles.exclude("editor", "viewer", ACTOR).as(StepVerifier::create).expectNext(true).verifyComplete();
		assertThat(this.roles.findRole("editor").block(TIMEOUT).includes()).isEmpty();
	}

	@Test
	void excludeWhenNotIncludedThenFalseAndNotAudited() {
		create("editor");
		create("viewer");
		include("viewer", "editor");
		int before = auditEntries().size();
		this.roles.exclude("editor", "viewer", ACTOR).as(StepVerifier::create).expectNext(false).verifyComplete();
		assertThat(auditEntries()).hasSize(before);
	}

	@Test
	void excludeWhenRoleMissingThenRoleNotFound() {
		create("editor");
		this.roles.exclude("editor", "viewer", ACTOR)
			.as(StepVerifier::create)
			.expectError(RoleNotFoundException.class)
			.verify(TIMEOUT);
	}

	@Test
	void assignThenUserHoldsRole() {
		create("viewer");
		create("editor");
		this.roles.assign("slot-1", "viewer", ACTOR).as(StepVerifier::create).expectNext(true).verifyComplete();
		this.roles.assign("slot-1", "editor", ACTOR).as(StepVerifier::create).expectNext(true).verifyComplete();
		this.roles.findAssignedRoles("slot-1")
			.as(StepVerifier::create)
			.expectNext("editor", "viewer")
			.verifyComplete();
		this.roles.findAssignedRoles("slot-2").as(StepVerifier::create).verifyComplete();
	}

	@Test
	void assignWhenHeldThenFalseAndNotAudited() {
		create("viewer");
		assign("slot-1", "viewer");
		int before = auditEntries().size();
		this.roles.assign("slot-1", "viewer", ACTOR).as(StepVerifier::create).expectNext(false).verifyComplete();
		assertThat(auditEntries()).hasSize(before);
	}

	@Test
	void assignWhenRoleMissingThenRoleNotFound() {
		this.roles.assign("slot-1", "viewer", ACTOR)
			.as(StepVerifier::create)
			.expectError(RoleNotFoundException.class)
			.verify(TIMEOUT);
		this.roles.findAssignedRoles("slot-1").as(StepVerifier::create).verifyComplete();
	}

	@Test
	void assignWhenSlotIdInvalidThenInvalidName() {
		create("viewer");
		for (String slotId : new String[] { "", "s".repeat(129) }) {
			this.roles.assign(slotId, "viewer", ACTOR)
				.as(StepVerifier::create)
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidNameException.class)
					.hasMessageContaining("slot id"))
				.verify(TIMEOUT);
		}
		this.roles.assign("s".repeat(128), "viewer", ACTOR).as(StepVerifier::create).expectNext(true).verifyComplete();
	}

	@Test
	void unassignThenUserNoLongerHoldsRole() {
		create("viewer");
		assign("slot-1", "viewer");
		this.roles.unassign("slot-1", "viewer", ACTOR).as(StepVerifier::create).expectNext(true).verifyComplete();
		this.roles.findAssignedRoles("slot-1").as(StepVerifier::create).verifyComplete();
	}

	@Test
	void unassignWhenNotHeldThenFalseAndNotAudited() {
		create("viewer");
		int before = auditEntries().size();
		this.roles.unassign("slot-1", "viewer", ACTOR).as(StepVerifier::create).expectNext(false).verifyComplete();
		assertThat(auditEntries()).hasSize(before);
	}

	@Test
	void unassignWhenRoleMissingThenRoleNotFound() {
		this.roles.unassign("slot-1", "viewer", ACTOR)
			.as(StepVerifier::create)
			.expectError(RoleNotFoundException.class)
			.verify(TIMEOUT);
	}

	@Test
	void loadAuthorizationsWhenNoRoleThenNone() {
		this.roles.loadAuthorizations("slot-1")
			.as(StepVerifier::create)
			.expectNext(UserAuthorizations.none("slot-1"))
			.verifyComplete();
	}

	@Test
	void loadAuthorizationsThenRolesIncludedOnThreeLevelsAndTheirPermissions() {
		create("admin");
		create("editor");
		create("viewer");
		create("other");
		grant("admin", "users:manage");
		grant("editor", "reports:write");
		grant("viewer", "reports:read");
		grant("other", "billing:read");
		include("admin", "editor");
		include("editor", "viewer");
		assign("slot-admin", "admin");
		assign("slot-editor", "editor");
		this.roles.loadAuthorizations("slot-admin")
			.as(StepVerifier::create)
			.assertNext((authorizations) -> {
				assertThat(authorizations.slotId()).isEqualTo("slot-admin");
				assertThat(authorizations.roles()).containsExactlyInAnyOrder("admin", "editor", "viewer");
				assertThat(authorizations.permissions().values()).containsExactlyInAnyOrder("users:manage",
						"reports:write", "reports:read");
			})
			.verifyComplete();
		this.roles.loadAuthorizations("slot-editor")
			.as(StepVerifier::create)
			.assertNext((authorizations) -> {
				assertThat(authorizations.roles()).containsExactlyInAnyOrder("editor", "viewer");
				assertThat(authorizations.permissions().values()).containsExactlyInAnyOrder("reports:write",
						"reports:read");
				assertThat(authorizations.permissions().implies("users:manage")).isFalse();
			})
			.verifyComplete();
	}

	@Test
	void loadAuthorizationsWhenRoleHasNoPermissionThenRoleHeld() {
		create("guest");
		assign("slot-1", "guest");
		this.roles.loadAuthorizations("slot-1")
			.as(StepVerifier::create)
			.assertNext((authorizations) -> {
				assertThat(authorizations.roles()).containsExactly("guest");
				assertThat(authorizations.permissions().isEmpty()).isTrue();
			})
			.verifyComplete();
	}

	@Test
	void loadAuthorizationsWhenWildcardGrantedThenGrantedAsWrittenAndImplies() {
		create("analyst");
		grant("analyst", "reports:*");
		assign("slot-1", "analyst");
		this.roles.loadAuthorizations("slot-1")
			.as(StepVerifier::create)
			.assertNext((authorizations) -> {
				assertThat(authorizations.permissions().values()).containsExactly("reports:*");
				assertThat(authorizations.permissions().implies("reports:read:eu")).isTrue();
				assertThat(authorizations.permissions().implies("billing:read")).isFalse();
			})
			.verifyComplete();
	}

	@Test
	void loadAuthorizationsWhenInclusionsFormCycleThenEnds() {
		// only a race between two instances could leave such a cycle: written here directly
		create("left");
		create("right");
		grant("left", "left:read");
		grant("right", "right:read");
		include("left", "right");
		this.databaseClient.sql("INSERT INTO altscodex_role_inclusions (role, included_role) VALUES ('right', 'left')")
			.then()
			.block(TIMEOUT);
		assign("slot-1", "right");
		this.roles.loadAuthorizations("slot-1")
			.as(StepVerifier::create)
			.assertNext((authorizations) -> {
				assertThat(authorizations.roles()).containsExactlyInAnyOrder("left", "right");
				assertThat(authorizations.permissions().values()).containsExactlyInAnyOrder("left:read",
						"right:read");
			})
			.verifyComplete();
	}

	@Test
	void findAuditEntriesThenEveryChangeNewestFirstWithActorAndSubject() {
		this.roles.createRole("editor", null, ReactiveRoleService.SYSTEM_ACTOR).block(TIMEOUT);
		Instant later = NOW.plusSeconds(60);
		this.roles.setClock(Clock.fixed(later, ZoneOffset.UTC));
		create("viewer");
		grant("viewer", "reports:read");
		include("editor", "viewer");
		assign("slot-1", "editor");
		this.roles.unassign("slot-1", "editor", ACTOR).block(TIMEOUT);
		this.roles.exclude("editor", "viewer", ACTOR).block(TIMEOUT);
		this.roles.revoke("viewer", "reports:read", ACTOR).block(TIMEOUT);
		this.roles.deleteRole("viewer", ACTOR).block(TIMEOUT);
		List<AuditEntry> entries = auditEntries();
		assertThat(entries).extracting(AuditEntry::action)
			.containsExactly(AuditAction.ROLE_DELETED, AuditAction.PERMISSION_REVOKED, AuditAction.ROLE_EXCLUDED,
					AuditAction.ROLE_UNASSIGNED, AuditAction.ROLE_ASSIGNED, AuditAction.ROLE_INCLUDED,
					AuditAction.PERMISSION_GRANTED, AuditAction.ROLE_CREATED, AuditAction.ROLE_CREATED);
		assertThat(entries).extracting(AuditEntry::role)
			.containsExactly("viewer", "viewer", "editor", "editor", "editor", "editor", "viewer", "viewer", "editor");
		assertThat(entries).extracting(AuditEntry::subject)
			.containsExactly(null, "reports:read", "viewer", "slot-1", "slot-1", "viewer", "reports:read", null,
					null);
		assertThat(entries).extracting(AuditEntry::actor)
			.containsExactly(ACTOR, ACTOR, ACTOR, ACTOR, ACTOR, ACTOR, ACTOR, ACTOR,
					ReactiveRoleService.SYSTEM_ACTOR);
		assertThat(entries.get(0).at()).isEqualTo(later);
		assertThat(entries.get(entries.size() - 1).at()).isEqualTo(NOW);
		assertThat(entries).extracting(AuditEntry::id).isSortedAccordingTo((a, b) -> Long.compare(b, a));
	}

	@Test
	void findAuditEntriesWhenLimitedThenNewest() {
		create("viewer");
		grant("viewer", "reports:read");
		grant("viewer", "reports:list");
		this.roles.findAuditEntries(2)
			.map(AuditEntry::subject)
			.as(StepVerifier::create)
			.expectNext("reports:list", "reports:read")
			.verifyComplete();
	}

	@Test
	void findAuditEntriesWhenLimitOutOfRangeThenIllegalArgument() {
		for (int limit : new int[] { 0, -1, 1001 }) {
			this.roles.findAuditEntries(limit)
				.as(StepVerifier::create)
				.expectError(IllegalArgumentException.class)
				.verify(TIMEOUT);
		}
		this.roles.findAuditEntries(1000).as(StepVerifier::create).verifyComplete();
	}

	private void create(String role) {
		this.roles.createRole(role, null, ACTOR).block(TIMEOUT);
	}

	private void grant(String role, String permission) {
		assertThat(this.roles.grant(role, permission, ACTOR).block(TIMEOUT)).isTrue();
	}

	private void include(String role, String included) {
		assertThat(this.roles.include(role, included, ACTOR).block(TIMEOUT)).isTrue();
	}

	private void assign(String slotId, String role) {
		assertThat(this.roles.assign(slotId, role, ACTOR).block(TIMEOUT)).isTrue();
	}

	private List<AuditEntry> auditEntries() {
		return this.roles.findAuditEntries(1000).collectList().block(TIMEOUT);
	}

	private long count(String sql) {
		return this.databaseClient.sql(sql).map((row) -> row.get(0, Long.class)).one().block(TIMEOUT);
	}

}
