package com.altscodex.spring.rbac;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;

import com.altscodex.spring.rbac.r2dbc.R2dbcRoleService;
import com.altscodex.spring.testsupport.r2dbc.CountingConnectionFactory;
import com.altscodex.spring.testsupport.r2dbc.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role cache over the R2DBC store on a real (in-memory) H2: what it keeps, and that
 * a change made through it is seen on the very next lookup.
 */
class CachingReactiveRoleServiceTests {

	private CountingConnectionFactory database;

	private CachingReactiveRoleService roles;

	private final List<RbacChange> heard = new CopyOnWriteArrayList<>();

	@BeforeEach
	void newDatabase() {
		ConnectionFactory h2 = TestDatabases.h2("caching-roles-" + UUID.randomUUID());
		TestDatabases.applySchema(h2, R2dbcRoleService.SCHEMA_LOCATION_PATTERN, TestDatabases.H2);
		this.database = new CountingConnectionFactory(h2);
		this.roles = new CachingReactiveRoleService(
				new R2dbcRoleService(DatabaseClient.create(this.database), new R2dbcTransactionManager(this.database)),
				Duration.ofMinutes(1), 100);
		this.roles.setChangeListener(this.heard::add);
		this.roles.createRole("reader", null, "test").block();
		this.roles.grant("reader", "reports:read", "test").block();
	}

	@Test
	void loadAuthorizationsTwiceThenTheStoreIsAskedOnce() {
		this.roles.assign("alice", "reader", "test").block();
		this.roles.loadAuthorizations("alice").block();
		int before = this.database.connections();

		UserAuthorizations again = this.roles.loadAuthorizations("alice").block();

		assertThat(this.database.connections()).isEqualTo(before);
		assertThat(again.roles()).containsExactly("reader");
	}

	@Test
	void unassignThroughTheCacheThenTheNextLookupSeesIt() {
		this.roles.assign("alice", "reader", "test").block();
		assertThat(this.roles.loadAuthorizations("alice").block().permissions().implies("reports:read")).isTrue();

		this.roles.unassign("alice", "reader", "test").block();

		assertThat(this.roles.loadAuthorizations("alice").block().roles()).isEmpty();
		assertThat(this.heard).contains(RbacChange.user("alice"));
	}

	@Test
	void revokeFromARoleThenEveryUsersNextLookupSeesIt() {
		this.roles.assign("alice", "reader", "test").block();
		this.roles.assign("bob", "reader", "test").block();
		this.roles.loadAuthorizations("alice").block();
		this.roles.loadAuthorizations("bob").block();

		this.roles.revoke("reader", "reports:read", "test").block();

		assertThat(this.roles.loadAuthorizations("alice").block().permissions().isEmpty()).isTrue();
		assertThat(this.roles.loadAuthorizations("bob").block().permissions().isEmpty()).isTrue();
		assertThat(this.heard).contains(RbacChange.everyone());
	}

	@Test
	void changeThatChangesNothingThenNoOneIsTold() {
		this.roles.assign("alice", "reader", "test").block();
		this.heard.clear();

		this.roles.assign("alice", "reader", "test").block();
		this.roles.grant("reader", "reports:read", "test").block();

		assertThat(this.heard).isEmpty();
	}

	@Test
	void forgetAChangeMadeElsewhereThenTheNextLookupAsksTheStore() {
		R2dbcRoleService otherInstance = new R2dbcRoleService(DatabaseClient.create(this.database),
				new R2dbcTransactionManager(this.database));
		this.roles.assign("alice", "reader", "test").block();
		this.roles.loadAuthorizations("alice").block();
		otherInstance.unassign("alice", "reader", "test").block();
		assertThat(this.roles.loadAuthorizations("alice").block().roles()).as("kept until told").containsExactly("reader");

		this.roles.forget(RbacChange.user("alice"));

		assertThat(this.roles.loadAuthorizations("alice").block().roles()).isEmpty();
	}

	@Test
	void maximumSizeZeroThenNothingIsKept() {
		CachingReactiveRoleService uncached = new CachingReactiveRoleService(
				new R2dbcRoleService(DatabaseClient.create(this.database), new R2dbcTransactionManager(this.database)),
				Duration.ofMinutes(1), 0);
		uncached.loadAuthorizations("alice").block();
		int before = this.database.connections();

		uncached.loadAuthorizations("alice").block();

		assertThat(this.database.connections()).isGreaterThan(before);
	}

}
