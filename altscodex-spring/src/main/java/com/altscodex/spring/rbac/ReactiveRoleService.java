package com.altscodex.spring.rbac;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Roles, their permissions and hierarchy, and users' assignments: changed and read
 * reactively, every change recorded in the audit log with who made it.
 * <p>
 * Changes are idempotent: granting a permission a role has, or assigning a role a user
 * holds, changes nothing, records nothing and answers {@code false}. Names are checked
 * ({@link Role#checkName}, {@link Permission#isValid}) and refused with an
 * {@link InvalidNameException}; a role that does not exist with a
 * {@link RoleNotFoundException}. Errors arrive in the returned publisher.
 */
public interface ReactiveRoleService {

	/** The actor recorded for changes the application makes itself, such as seeding. */
	String SYSTEM_ACTOR = "system";

	/** The most characters an actor may have. */
	int MAX_ACTOR_LENGTH = 100;

	/**
	 * Creates a role with no permission.
	 * @param name the role's name
	 * @param description what it is for, or {@code null}
	 * @param actor who does it
	 * @return the role; a {@link RoleExistsException} if the name is taken
	 */
	Mono<Role> createRole(String name, @Nullable String description, String actor);

	/**
	 * Deletes a role, with its grants, its inclusions in both directions and its
	 * assignments.
	 * @param name the role's name
	 * @param actor who does it
	 * @return whether there was such a role
	 */
	Mono<Boolean> deleteRole(String name, String actor);

	/**
	 * A role, with its direct permissions and inclusions.
	 * @param name the role's name
	 * @return the role, or empty
	 */
	Mono<Role> findRole(String name);

	/**
	 * Every role, by name.
	 * @return the roles
	 */
	Flux<Role> findRoles();

	/**
	 * Grants a permission (a wildcard too) to a role.
	 * @param role the role's name
	 * @param permission the permission
	 * @param actor who does it
	 * @return whether the role did not have it yet
	 */
	Mono<Boolean> grant(String role, String permission, String actor);

	/**
	 * Takes a permission from a role.
	 * @param role the role's name
	 * @param permission the permission, as it was granted
	 * @param actor who does it
	 * @return whether the role had it
	 */
	Mono<Boolean> revoke(String role, String permission, String actor);

	/**
	 * Makes a role include another: its holders get the other's permissions and role.
	 * @param role the including role
	 * @param included the included role
	 * @param actor who does it
	 * @return whether it did not include it yet; a {@link RoleCycleException} if
	 * {@code included} is {@code role} or includes it
	 */
	Mono<Boolean> include(String role, String included, String actor);

	/**
	 * Makes a role stop including another.
	 * @param role the including role
	 * @param included the included role
	 * @param actor who does it
	 * @return whether it included it
	 */
	Mono<Boolean> exclude(String role, String included, String actor);

	/**
	 * Gives a user a role.
	 * @param slotId the user's slot id
	 * @param role the role's name
	 * @param actor who does it
	 * @return whether the user did not hold it yet
	 */
	Mono<Boolean> assign(String slotId, String role, String actor);

	/**
	 * Takes a role from a user.
	 * @param slotId the user's slot id
	 * @param role the role's name
	 * @param actor who does it
	 * @return whether the user held it
	 */
	Mono<Boolean> unassign(String slotId, String role, String actor);

	/**
	 * The roles a user was given directly, by name.
	 * @param slotId the user's slot id
	 * @return the roles' names
	 */
	Flux<String> findAssignedRoles(String slotId);

	/**
	 * What a user may do now: their roles, with those the roles include, and all the
	 * permissions of those.
	 * @param slotId the user's slot id
	 * @return the user's authorizations; none for a user with no role
	 */
	Mono<UserAuthorizations> loadAuthorizations(String slotId);

	/**
	 * The audit log, newest first.
	 * @param limit the most entries to answer, 1 to 1,000
	 * @return the entries
	 */
	Flux<AuditEntry> findAuditEntries(int limit);

}
