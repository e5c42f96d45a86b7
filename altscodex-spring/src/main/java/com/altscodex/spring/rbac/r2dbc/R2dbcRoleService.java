package com.altscodex.spring.rbac.r2dbc;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Row;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.util.Assert;

import com.altscodex.spring.rbac.AuditAction;
import com.altscodex.spring.rbac.AuditEntry;
import com.altscodex.spring.rbac.InvalidNameException;
import com.altscodex.spring.rbac.Permission;
import com.altscodex.spring.rbac.PermissionSet;
import com.altscodex.spring.rbac.ReactiveRoleService;
import com.altscodex.spring.rbac.Role;
import com.altscodex.spring.rbac.RoleCycleException;
import com.altscodex.spring.rbac.RoleExistsException;
import com.altscodex.spring.rbac.RoleNotFoundException;
import com.altscodex.spring.rbac.UserAuthorizations;

/**
 * A {@link ReactiveRoleService} that keeps roles, grants, inclusions, assignments and the
 * audit log in a database over R2DBC: H2, PostgreSQL or MariaDB, whose schema is at
 * {@link #SCHEMA_LOCATION_PATTERN}.
 * <p>
 * Each change runs in one transaction with its audit entry. A change locks the rows of
 * the roles it touches first ({@code SELECT ... FOR UPDATE}), so changes to one role,
 * and a role's deletion, happen one after the other: a grant never outlives the deletion
 * of its role, and two requests granting the same permission record it once. A user's
 * effective roles are read with one recursive query, which follows inclusions
 * 100 levels deep at most: deep enough for any hierarchy, and
 * an end to a cycle that concurrent inclusions on different roles could leave.
 */
public final class R2dbcRoleService implements ReactiveRoleService {

	/**
	 * Where the schema of each database is, {@code @@platform@@} standing for
	 * {@code h2}, {@code postgresql} or {@code mariadb}. Every statement may run again on
	 * a database that has the schema.
	 */
	public static final String SCHEMA_LOCATION_PATTERN =
			"classpath:com/altscodex/spring/rbac/r2dbc/schema-@@platform@@.sql";

	private static final int MAX_SLOT_ID_LENGTH = 128;

	private static final int MAX_AUDIT_ENTRIES = 1000;

	private static final int MAX_INCLUSION_DEPTH = 100;

	private static final String FIND_ROLE = """
			SELECT name, description FROM altscodex_roles WHERE name = :name""";

	private static final String FIND_ROLES = """
			SELECT name, description FROM altscodex_roles ORDER BY name""";

	private static final String LOCK_ROLE = """
			SELECT name FROM altscodex_roles WHERE name = :name FOR UPDATE""";

	// in name order, so that two inclusions of the same pair wait for each other rather than deadlock
	private static final String LOCK_ROLE_PAIR = """
			SELECT name FROM altscodex_roles WHERE name IN (:role, :other) ORDER BY name FOR UPDATE""";

	private static final String INSERT_ROLE = """
			INSERT INTO altscodex_roles (name, description, created_at) VALUES (:name, :description, :createdAt)""";

	private static final String DELETE_ROLE = """
			DELETE FROM altscodex_roles WHERE name = :name""";

	private static final String FIND_GRANT = """
			SELECT 1 FROM altscodex_role_permissions WHERE role = :role AND permission = :permission""";

	private static final String FIND_PERMISSIONS = """
			SELECT permission FROM altscodex_role_permissions WHERE role = :role""";

	private static final String FIND_ALL_PERMISSIONS = """
			SELECT role, permission FROM altscodex_role_permissions""";

	private static final String INSERT_GRANT = """
			INSERT INTO altscodex_role_permissions (role, permission) VALUES (:role, :permission)""";

	private static final String DELETE_GRANT = """
			DELETE FROM altscodex_role_permissions WHERE role = :role AND permission = :permission""";

	private static final String DELETE_GRANTS = """
			DELETE FROM altscodex_role_permissions WHERE role = :role""";

	private static final String FIND_INCLUSION = """
			SELECT 1 FROM altscodex_role_inclusions WHERE role = :role AND included_role = :included""";

	private static final String FIND_INCLUDED = """
			SELECT included_role FROM altscodex_role_inclusions WHERE role = :role""";

	private static final String FIND_ALL_INCLUSIONS = """
			SELECT role, included_role FROM altscodex_role_inclusions""";

	// a cycle, which only concurrent inclusions of disjoint pairs could leave, ends at the
	// depth bound: H2's recursive UNION does not drop the rows an earlier round found, so
	// UNION alone would not end it there
	private static final String FIND_REACHABLE = """
			WITH RECURSIVE reachable (name, depth) AS (
				SELECT included_role, 1 FROM altscodex_role_inclusions WHERE role = :from
				UNION
				SELECT i.included_role, r.depth + 1 FROM altscodex_role_inclusions i JOIN reachable r ON i.role = r.name
				WHERE r.depth < :maxDepth
			)
			SELECT 1 FROM reachable WHERE name = :to""";

	private static final String INSERT_INCLUSION = """
			INSERT INTO altscodex_role_inclusions (role, included_role) VALUES (:role, :included)""";

	private static final String DELETE_INCLUSION = """
			DELETE FROM altscodex_role_inclusions WHERE role = :role AND included_role = :included""";

	private static final String DELETE_INCLUSIONS = """
			DELETE FROM altscodex_role_inclusions WHERE role = :role OR included_role = :role""";

	private static final String FIND_ASSIGNMENT = """
			SELECT 1 FROM altscodex_user_roles WHERE slot_id = :slotId AND role = :role""";

	private static final String FIND_ASSIGNED_ROLES = """
			SELECT role FROM altscodex_user_roles WHERE slot_id = :slotId ORDER BY role""";

	private static final String INSERT_ASSIGNMENT = """
			INSERT INTO altscodex_user_roles (slot_id, role) VALUES (:slotId, :role)""";

	private static final String DELETE_ASSIGNMENT = """
			DELETE FROM altscodex_user_roles WHERE slot_id = :slotId AND role = :role""";

	private static final String DELETE_ASSIGNMENTS = """
			DELETE FROM altscodex_user_roles WHERE role = :role""";

	// a role without grants comes back with a null permission; the depth bound ends a cycle
	private static final String FIND_AUTHORIZATIONS = """
			WITH RECURSIVE effective (name, depth) AS (
				SELECT role, 0 FROM altscodex_user_roles WHERE slot_id = :slotId
				UNION
				SELECT i.included_role, e.depth + 1 FROM altscodex_role_inclusions i JOIN effective e ON i.role = e.name
				WHERE e.depth < :maxDepth
			)
			SELECT DISTINCT e.name, p.permission FROM effective e LEFT JOIN altscodex_role_permissions p ON p.role = e.name""";

	private static final String INSERT_AUDIT_ENTRY = """
			INSERT INTO altscodex_role_audit_log (at, actor, action, role, subject)
			VALUES (:at, :actor, :action, :role, :subject)""";

	private static final String FIND_AUDIT_ENTRIES = """
			SELECT id, at, actor, action, role, subject FROM altscodex_role_audit_log ORDER BY id DESC LIMIT :limit""";

	private final DatabaseClient databaseClient;

	private final TransactionalOperator transactionalOperator;

	private final Dialect dialect;

	private Clock clock = Clock.systemUTC();

	/**
	 * Creates the store.
	 * @param databaseClient the client of an H2, PostgreSQL or MariaDB database
	 * @param transactionManager the transaction manager of the same connection factory
	 * @throws IllegalStateException if the database is of another kind
	 */
	public R2dbcRoleService(DatabaseClient databaseClient, ReactiveTransactionManager transactionManager) {
		Assert.notNull(databaseClient, "databaseClient cannot be null");
		Assert.notNull(transactionManager, "transactionManager cannot be null");
		this.databaseClient = databaseClient;
		this.dialect = Dialect.of(databaseClient.getConnectionFactory());
		DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
		// after a role's lock each statement must see what the lock's last holder committed:
		// under REPEATABLE READ (MariaDB's default) that holds only while no plain read
		// comes before the lock
		definition.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		this.transactionalOperator = TransactionalOperator.create(transactionManager, definition);
	}

	/**
	 * Sets the clock that dates audit entries and roles. Defaults to the system clock in
	 * UTC.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock cannot be null");
		this.clock = clock;
	}

	@Override
	public Mono<Role> createRole(String name, @Nullable String description, String actor) {
		return Mono.defer(() -> {
			Role role = new Role(name, description, Set.of(), Set.of());
			checkActor(actor);
			Instant now = now();
			return exists(this.databaseClient.sql(FIND_ROLE).bind("name", name))
				.flatMap((taken) -> taken ? Mono.<Role>error(new RoleExistsException(name))
						: bindNullable(this.databaseClient.sql(INSERT_ROLE), "description", description)
							.bind("name", name)
							.bind("createdAt", this.dialect.toDatabase(now))
							.then()
							.then(audit(now, actor, AuditAction.ROLE_CREATED, name, null))
							.thenReturn(role))
				.as(this.transactionalOperator::transactional);
		})
			// another instance created it between the check and the insert
			.onErrorMap(DuplicateKeyException.class, (ex) -> new RoleExistsException(name));
	}

	@Override
	public Mono<Boolean> deleteRole(String name, String actor) {
		return Mono.defer(() -> {
			Role.checkName(name);
			checkActor(actor);
			Instant now = now();
			return exists(this.databaseClient.sql(LOCK_ROLE).bind("name", name))
				.flatMap((found) -> !found ? Mono.just(false)
						: update(this.databaseClient.sql(DELETE_GRANTS).bind("role", name))
							.then(update(this.databaseClient.sql(DELETE_INCLUSIONS).bind("role", name)))
							.then(update(this.databaseClient.sql(DELETE_ASSIGNMENTS).bind("role", name)))
							.then(update(this.databaseClient.sql(DELETE_ROLE).bind("name", name)))
							.then(audit(now, actor, AuditAction.ROLE_DELETED, name, null))
							.thenReturn(true))
				.as(this.transactionalOperator::transactional);
		});
	}

	@Override
	public Mono<Role> findRole(String name) {
		return Mono.defer(() -> {
			Role.checkName(name);
			return this.databaseClient.sql(FIND_ROLE)
				.bind("name", name)
				.map((row, metadata) -> new Role(name, row.get("description", String.class), Set.of(), Set.of()))
				.first()
				.flatMap((role) -> Mono.zip(strings(FIND_PERMISSIONS, name), strings(FIND_INCLUDED, name))
					.map((sets) -> new Role(name, role.description(), sets.getT1(), sets.getT2())));
		});
	}

	@Override
	public Flux<Role> findRoles() {
		Mono<Map<String, Collection<String>>> grants = this.databaseClient.sql(FIND_ALL_PERMISSIONS)
			.map((row, metadata) -> Map.entry(text(row, "role"), text(row, "permission")))
			.all()
			.collectMultimap(Map.Entry::getKey, Map.Entry::getValue);
		Mono<Map<String, Collection<String>>> inclusions = this.databaseClient.sql(FIND_ALL_INCLUSIONS)
			.map((row, metadata) -> Map.entry(text(row, "role"), text(row, "included_role")))
			.all()
			.collectMultimap(Map.Entry::getKey, Map.Entry::getValue);
		return grants.zipWith(inclusions)
			.flatMapMany((maps) -> this.databaseClient.sql(FIND_ROLES).map((row, metadata) -> {
				String name = text(row, "name");
				return new Role(name, row.get("description", String.class), toSet(maps.getT1().get(name)),
						toSet(maps.getT2().get(name)));
			}).all());
	}

	@Override
	public Mono<Boolean> grant(String role, String permission, String actor) {
		return Mono.defer(() -> {
			Role.checkName(role);
			checkPermission(permission);
			checkActor(actor);
			Instant now = now();
			return lockRole(role)
				.then(exists(this.databaseClient.sql(FIND_GRANT).bind("role", role).bind("permission", permission)))
				.flatMap((granted) -> granted ? Mono.just(false)
						: update(this.databaseClient.sql(INSERT_GRANT).bind("role", role).bind("permission", permission))
							.then(audit(now, actor, AuditAction.PERMISSION_GRANTED, role, permission))
							.thenReturn(true))
				.as(this.transactionalOperator::transactional);
		});
	}

	@Override
	public Mono<Boolean> revoke(String role, String permission, String actor) {
		return Mono.defer(() -> {
			Role.checkName(role);
			checkPermission(permission);
			checkActor(actor);
			Instant now = now();
			return lockRole(role)
				.then(update(this.databaseClient.sql(DELETE_GRANT).bind("role", role).bind("permission", permission)))
				.flatMap((deleted) -> (deleted == 0) ? Mono.just(false)
						: audit(now, actor, AuditAction.PERMISSION_REVOKED, role, permission).thenReturn(true))
				.as(this.transactionalOperator::transactional);
		});
	}

	@Override
	public Mono<Boolean> include(String role, String included, String actor) {
		return Mono.defer(() -> {
			Role.checkName(role);
			Role.checkName(included);
			checkActor(actor);
			Instant now = now();
			return lockRolePair(role, included)
				.then(Mono.defer(() -> role.equals(included) ? Mono.error(new RoleCycleException(role, included))
						: exists(this.databaseClient.sql(FIND_INCLUSION).bind("role", role).bind("included", included))))
				.flatMap((already) -> already ? Mono.just(false)
						: refuseCycle(role, included)
							.then(update(this.databaseClient.sql(INSERT_INCLUSION)
								.bind("role", role)
								.bind("included", included)))
							.then(audit(now, actor, AuditAction.ROLE_INCLUDED, role, included))
							.thenReturn(true))
				.as(this.transactionalOperator::transactional);
		});
	}

	@Override
	public Mono<Boolean> exclude(String role, String included, String actor) {
		return Mono.defer(() -> {
			Role.checkName(role);
			Role.checkName(included);
			checkActor(actor);
			Instant now = now();
			return lockRolePair(role, included)
				.then(update(this.databaseClient.sql(DELETE_INCLUSION).bind("role", role).bind("included", included)))
				.flatMap((deleted) -> (deleted == 0) ? Mono.just(false)
						: audit(now, actor, AuditAction.ROLE_EXCLUDED, role, included).thenReturn(true))
				.as(this.transactionalOperator::transactional);
		});
	}

	@Override
	public Mono<Boolean> assign(String slotId, String role, String actor) {
		return Mono.defer(() -> {
			checkSlotId(slotId);
			Role.checkName(role);
			checkActor(actor);
			Instant now = now();
			return lockRole(role)
				.then(exists(this.databaseClient.sql(FIND_ASSIGNMENT).bind("slotId", slotId).bind("role", role)))
				.flatMap((held) -> held ? Mono.just(false)
						: update(this.databaseClient.sql(INSERT_ASSIGNMENT).bind("slotId", slotId).bind("role", role))
							.then(audit(now, actor, AuditAction.ROLE_ASSIGNED, role, slotId))
							.thenReturn(true))
				.as(this.transactionalOperator::transactional);
		});
	}

	@Override
	public Mono<Boolean> unassign(String slotId, String role, String actor) {
		return Mono.defer(() -> {
			checkSlotId(slotId);
			Role.checkName(role);
			checkActor(actor);
			Instant now = now();
			return lockRole(role)
				.then(update(this.databaseClient.sql(DELETE_ASSIGNMENT).bind("slotId", slotId).bind("role", role)))
				.flatMap((deleted) -> (deleted == 0) ? Mono.just(false)
						: audit(now, actor, AuditAction.ROLE_UNASSIGNED, role, slotId).thenReturn(true))
				.as(this.transactionalOperator::transactional);
		});
	}

	@Override
	public Flux<String> findAssignedRoles(String slotId) {
		return Flux.defer(() -> {
			checkSlotId(slotId);
			return this.databaseClient.sql(FIND_ASSIGNED_ROLES)
				.bind("slotId", slotId)
				.map((row, metadata) -> text(row, "role"))
				.all();
		});
	}

	@Override
	public Mono<UserAuthorizations> loadAuthorizations(String slotId) {
		return Mono.defer(() -> {
			checkSlotId(slotId);
			return this.databaseClient.sql(FIND_AUTHORIZATIONS)
				.bind("slotId", slotId)
				.bind("maxDepth", MAX_INCLUSION_DEPTH)
				.map((row, metadata) -> new Grant(text(row, "name"), row.get("permission", String.class)))
				.all()
				.collectList()
				.map((grants) -> toAuthorizations(slotId, grants));
		});
	}

	@Override
	public Flux<AuditEntry> findAuditEntries(int limit) {
		if (limit < 1 || limit > MAX_AUDIT_ENTRIES) {
			return Flux.error(new IllegalArgumentException(
					"limit must be between 1 and " + MAX_AUDIT_ENTRIES + ", not " + limit));
		}
		return this.databaseClient.sql(FIND_AUDIT_ENTRIES)
			.bind("limit", limit)
			.map((row, metadata) -> {
				Long id = row.get("id", Long.class);
				Assert.state(id != null, "audit entry without id");
				return new AuditEntry(id, this.dialect.fromDatabase(row, "at"), text(row, "actor"),
						AuditAction.valueOf(text(row, "action")), text(row, "role"), row.get("subject", String.class));
			})
			.all();
	}

	private static UserAuthorizations toAuthorizations(String slotId, List<Grant> grants) {
		if (grants.isEmpty()) {
			return UserAuthorizations.none(slotId);
		}
		Set<String> roles = new HashSet<>();
		Set<String> permissions = new HashSet<>();
		for (Grant grant : grants) {
			roles.add(grant.role());
			if (grant.permission() != null) {
				permissions.add(grant.permission());
			}
		}
		return new UserAuthorizations(slotId, roles, PermissionSet.of(permissions));
	}

	private Mono<Void> lockRole(String role) {
		return exists(this.databaseClient.sql(LOCK_ROLE).bind("name", role))
			.flatMap((found) -> found ? Mono.empty() : Mono.error(new RoleNotFoundException(role)));
	}

	private Mono<Void> refuseCycle(String role, String included) {
		return exists(this.databaseClient.sql(FIND_REACHABLE)
			.bind("from", included)
			.bind("to", role)
			.bind("maxDepth", MAX_INCLUSION_DEPTH))
			.flatMap((cycle) -> cycle ? Mono.error(new RoleCycleException(role, included)) : Mono.empty());
	}

	private Mono<Void> lockRolePair(String role, String other) {
		return this.databaseClient.sql(LOCK_ROLE_PAIR)
			.bind("role", role)
			.bind("other", other)
			.map((row, metadata) -> text(row, "name"))
			.all()
			.collectList()
			.flatMap((found) -> {
				if (!found.contains(role)) {
					return Mono.error(new RoleNotFoundException(role));
				}
				if (!found.contains(other)) {
					return Mono.error(new RoleNotFoundException(other));
				}
				return Mono.empty();
			});
	}

	private Mono<Void> audit(Instant at, String actor, AuditAction action, String role, @Nullable String subject) {
		return bindNullable(this.databaseClient.sql(INSERT_AUDIT_ENTRY), "subject", subject)
			.bind("at", this.dialect.toDatabase(at))
			.bind("actor", actor)
			.bind("action", action.name())
			.bind("role", role)
			.then();
	}

	private Mono<Set<String>> strings(String sql, String role) {
		return this.databaseClient.sql(sql)
			.bind("role", role)
			.map((row, metadata) -> text(row, 0))
			.all()
			.collect(HashSet::new, Set::add);
	}

	private Instant now() {
		// the databases keep microseconds: what is answered is what is read back
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static Mono<Boolean> exists(DatabaseClient.GenericExecuteSpec query) {
		return query.map((row, metadata) -> Boolean.TRUE).first().hasElement();
	}

	private static Mono<Long> update(DatabaseClient.GenericExecuteSpec statement) {
		return statement.fetch().rowsUpdated();
	}

	private static DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, String name,
			@Nullable String value) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, String.class);
	}

	private static String text(Row row, String column) {
		String value = row.get(column, String.class);
		Assert.state(value != null, () -> "Column '" + column + "' is null");
		return value;
	}

	private static String text(Row row, int index) {
		String value = row.get(index, String.class);
		Assert.state(value != null, () -> "Column " + index + " is null");
		return value;
	}

	private static Set<String> toSet(@Nullable Collection<String> values) {
		return (values != null) ? new HashSet<>(values) : Set.of();
	}

	private static void checkPermission(@Nullable String permission) {
		if (!Permission.isValid(permission)) {
			throw new InvalidNameException("permission", permission);
		}
	}

	private static void checkActor(@Nullable String actor) {
		if (actor == null || actor.isEmpty() || actor.length() > MAX_ACTOR_LENGTH) {
			throw new InvalidNameException("actor", actor);
		}
	}

	private static void checkSlotId(@Nullable String slotId) {
		if (slotId == null || slotId.isEmpty() || slotId.length() > MAX_SLOT_ID_LENGTH) {
			throw new InvalidNameException("slot id", slotId);
		}
	}

	/**
	 * A row of a user's effective roles: a role, with one of its permissions or none.
	 */
	private record Grant(String role, @Nullable String permission) {

	}

	/**
	 * How each database keeps an instant: H2 and PostgreSQL in a
	 * {@code TIMESTAMP WITH TIME ZONE}, MariaDB, which has none, in a {@code DATETIME(6)}
	 * holding UTC.
	 */
	private enum Dialect {

		H2, POSTGRESQL, MARIADB;

		static Dialect of(ConnectionFactory connectionFactory) {
			String name = connectionFactory.getMetadata().getName();
			return switch (name.toLowerCase(Locale.ROOT)) {
				case "h2" -> H2;
				case "postgresql" -> POSTGRESQL;
				case "mariadb" -> MARIADB;
				default -> throw new IllegalStateException(
						"Roles can be kept in H2, PostgreSQL or MariaDB, not in " + name);
			};
		}

		Object toDatabase(Instant instant) {
			return (this == MARIADB) ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC)
					: instant.atOffset(ZoneOffset.UTC);
		}

		Instant fromDatabase(Row row, String column) {
			if (this == MARIADB) {
				LocalDateTime value = row.get(column, LocalDateTime.class);
				Assert.state(value != null, () -> "Column '" + column + "' is null");
				return value.toInstant(ZoneOffset.UTC);
			}
			OffsetDateTime value = row.get(column, OffsetDateTime.class);
			Assert.state(value != null, () -> "Column '" + column + "' is null");
			return value.toInstant();
		}

	}

}
