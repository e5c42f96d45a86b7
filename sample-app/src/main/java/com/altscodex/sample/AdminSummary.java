package com.altscodex.sample;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the admin page shows first, from {@code GET /api/admin/summary}: how many roles
 * there are and the users it knows by name, with their roles.
 *
 * @param roleCount how many roles exist
 * @param users the known users: the simulator's demo users, or none with a real
 * AltsCodex account (the admin page then looks users up by slot id)
 */
record AdminSummary(@JsonProperty("role_count") long roleCount, @JsonProperty("users") List<User> users) {

	/**
	 * A known user and their roles.
	 *
	 * @param slotId their slot id
	 * @param nickname their slot's nickname
	 * @param assignedRoles the roles given to them directly
	 * @param roles their effective roles, those included
	 * @param permissions their effective permissions
	 */
	record User(@JsonProperty("slot_id") String slotId, @JsonProperty("nickname") String nickname,
			@JsonProperty("assigned_roles") List<String> assignedRoles, @JsonProperty("roles") Set<String> roles,
			@JsonProperty("permissions") Set<String> permissions) {

	}

}
