package com.altscodex.spring.rbac;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One change to roles, grants or assignments, as the audit log keeps it.
 *
 * @param id the entry's number, growing with time
 * @param at when it was made
 * @param actor who made it: a user's slot id, or {@link ReactiveRoleService#SYSTEM_ACTOR}
 * for the application's own seeding
 * @param action what was done
 * @param role the role it concerned
 * @param subject what else it concerned: the permission granted or revoked, the role
 * included or excluded, the slot id assigned or unassigned; {@code null} for a role
 * created or deleted
 */
public record AuditEntry(long id, Instant at, String actor, AuditAction action, String role,
		@Nullable String subject) {

}
