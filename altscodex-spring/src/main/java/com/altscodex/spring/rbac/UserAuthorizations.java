package com.altscodex.spring.rbac;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.util.Assert;

/**
 * What a user may do now: the roles they hold, directly or through roles that include
 * them, and the permissions those roles grant. Immutable; its authorities are made once,
 * since every request of a signed-in user asks for them.
 */
public final class UserAuthorizations {

	/** The prefix of a role's authority, as Spring Security's {@code hasRole} expects. */
	public static final String ROLE_PREFIX = "ROLE_";

	private final String slotId;

	private final Set<String> roles;

	private final PermissionSet permissions;

	private final List<GrantedAuthority> authorities;

	/**
	 * Creates a user's authorizations.
	 * @param slotId the user's slot id
	 * @param roles their effective roles
	 * @param permissions their effective permissions, wildcards as granted
	 */
	public UserAuthorizations(String slotId, Set<String> roles, PermissionSet permissions) {
		Assert.notNull(slotId, "slotId cannot be null");
		Assert.notNull(roles, "roles cannot be null");
		Assert.notNull(permissions, "permissions cannot be null");
		this.slotId = slotId;
		this.roles = Set.copyOf(roles);
		this.permissions = permissions;
		List<GrantedAuthority> authorities = new ArrayList<>(this.roles.size() + permissions.values().size());
		for (String role : this.roles) {
			authorities.add(new SimpleGrantedAuthority(ROLE_PREFIX + role));
		}
		for (String permission : permissions.values()) {
			authorities.add(new SimpleGrantedAuthority(permission));
		}
		this.authorities = Collections.unmodifiableList(authorities);
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
	 * The user's slot id.
	 */
	public String slotId() {
		return this.slotId;
	}

	/**
	 * Their effective roles.
	 */
	public Set<String> roles() {
		return this.roles;
	}

	/**
	 * Their effective permissions, wildcards as granted.
	 */
	public PermissionSet permissions() {
		return this.permissions;
	}

	/**
	 * The authorities for Spring Security: {@code ROLE_<role>} for each role, then each
	 * permission.
	 */
	public List<GrantedAuthority> authorities() {
		return this.authorities;
	}

	/**
	 * Whether the user holds no role and no permission.
	 */
	public boolean isEmpty() {
		return this.roles.isEmpty() && this.permissions.isEmpty();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof UserAuthorizations that && this.slotId.equals(that.slotId)
				&& this.roles.equals(that.roles) && this.permissions.equals(that.permissions));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.slotId, this.roles, this.permissions);
	}

	@Override
	public String toString() {
		return "UserAuthorizations[slotId=" + this.slotId + ", roles=" + this.roles + ", permissions="
				+ this.permissions + "]";
	}

}
