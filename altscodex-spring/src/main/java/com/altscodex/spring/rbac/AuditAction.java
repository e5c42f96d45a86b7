package com.altscodex.spring.rbac;

/**
 * The kinds of change the audit log records.
 */
public enum AuditAction {

	/** A role was created. */
	ROLE_CREATED,

	/** A role was deleted, with its grants, inclusions and assignments. */
	ROLE_DELETED,

	/** A permission was granted to a role. */
	PERMISSION_GRANTED,

	/** A permission was taken from a role. */
	PERMISSION_REVOKED,

	/** A role was made to include another. */
	ROLE_INCLUDED,

	/** A role stopped including another. */
	ROLE_EXCLUDED,

	/** A user was given a role. */
	ROLE_ASSIGNED,

	/** A user lost a role. */
	ROLE_UNASSIGNED

}
