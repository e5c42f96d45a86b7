package com.altscodex.spring.rbac;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A role an application declares: created if missing, given these permissions and
 * inclusions, and assigned to these users, at start-up ({@link RbacSeeder}).
 *
 * @param name the role's name
 * @param description what it is for, or {@code null}
 * @param permissions permissions it must have
 * @param includes roles it must include
 * @param slotIds users who must hold it
 */
public record RoleSeed(String name, @Nullable String description, List<String> permissions, List<String> includes,
		List<String> slotIds) {

	/**
	 * Checks the names and copies the lists.
	 */
	public RoleSeed {
		Role.checkName(name);
		permissions = List.copyOf(permissions);
		for (String permission : permissions) {
			Permission.of(permission);
		}
		includes = List.copyOf(includes);
		includes.forEach(Role::checkName);
		slotIds = List.copyOf(slotIds);
	}

}
