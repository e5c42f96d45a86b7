package com.altscodex.spring.rbac;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a user may do now: the roles they hold, directly or through roles that include
 * them, and the permissions those roles grant.
 *
 * @param slotId the user's slot id
 * @param roles their effective roles
 * @param permissions their effective permissions, wildcards as granted
 */
public record UserAuthorizations(String slotId, Set<String> roles, PermissionSet permissions) {

	/** The prefix of a role's authority, as Spring Security's {@code hasRole} expects. */
	public static final String ROLE_PREFIX = "ROLE_";

	/**
	 * Copies the roles.
	 */
	public UserAuthorizations {
		roles = Set.copyOf(roles);
	}

	/**
	 * A user with no role.
	 * @param slotId the user's slot id
	 * @return their authorizations
	 */
	public static UserAuthorizations none(String slotId) {
		return new UserAuthorizations(slotId, Set.of(), PermissionSet.empty());
	}

	/**
	 * The authorities for Spring Security: {@code ROLE_<role>} for each role, then each
	 * permission.
	 */
	public List<GrantedAuthority> authorities() {
		List<GrantedAuthority> authorities = new ArrayList<>(this.roles.size() + this.permissions.values().size());
		for (String role : this.roles) {
			authorities.add(new SimpleGrantedAuthority(ROLE_PREFIX + role));
		}
		for (String permission : this.permissions.values()) {
			authorities.add(new SimpleGrantedAuthority(permission));
		}
		return Collections.unmodifiableList(authorities);
	}

}
