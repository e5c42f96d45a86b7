package com.altscodex.spring.rbac;

import org.jspecify.annotations.Nullable;

/**
 * What a change to roles touched, for those who keep authorizations: one user's, or, for
 * a change to a role itself, everyone's.
 *
 * @param slotId the user whose authorizations changed, or {@code null} for everyone
 */
public record RbacChange(@Nullable String slotId) {

	private static final RbacChange EVERYONE = new RbacChange(null);

	/**
	 * A change to one user's roles.
	 * @param slotId the user's slot id
	 * @return the change
	 */
	public static RbacChange user(String slotId) {
		return new RbacChange(slotId);
	}

	/**
	 * A change to a role, which may touch anyone.
	 * @return the change
	 */
	public static RbacChange everyone() {
		return EVERYONE;
	}

}
