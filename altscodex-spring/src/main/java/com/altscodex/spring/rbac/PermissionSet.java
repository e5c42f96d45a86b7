package com.altscodex.spring.rbac;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The permissions someone holds, asked whether they grant one: an exact one is a set
 * lookup, wildcards are tried only when that fails. Immutable.
 */
public final class PermissionSet {

	private static final PermissionSet EMPTY = new PermissionSet(Set.of());

	private final Set<String> values;

	private final Set<String> exact;

	private final String[] wildcards;

	private PermissionSet(Set<String> values) {
		this.values = Collections.unmodifiableSet(values);
		Set<String> exact = new LinkedHashSet<>();
		List<String> wildcards = new ArrayList<>();
		for (String value : values) {
			if (value.indexOf('*') >= 0) {
				wildcards.add(value);
			}
			else {
				exact.add(value);
			}
		}
		this.exact = Set.copyOf(exact);
		this.wildcards = wildcards.toArray(String[]::new);
	}

	/**
	 * No permission.
	 * @return the empty set
	 */
	public static PermissionSet empty() {
		return EMPTY;
	}

	/**
	 * The permissions given, each checked.
	 * @param permissions permissions as written
	 * @return the set
	 * @throws InvalidNameException if one is not a permission
	 */
	public static PermissionSet of(Collection<String> permissions) {
		if (permissions.isEmpty()) {
			return EMPTY;
		}
		Set<String> values = new LinkedHashSet<>();
		for (String permission : permissions) {
			values.add(Permission.of(permission).value());
		}
		return new PermissionSet(values);
	}

	/**
	 * Whether these permissions grant one.
	 * @param permission the permission asked for; a string that is no permission is never
	 * granted
	 * @return whether it is granted
	 */
	public boolean implies(String permission) {
		if (this.exact.contains(permission)) {
			return true;
		}
		if (this.wildcards.length == 0 || !Permission.isValid(permission)) {
			return false;
		}
		for (String wildcard : this.wildcards) {
			if (Permission.implies(wildcard, permission)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether these permissions grant every one of others.
	 * @param permissions the permissions asked for
	 * @return whether all are granted
	 */
	public boolean impliesAll(Collection<String> permissions) {
		for (String permission : permissions) {
			if (!implies(permission)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The part of some permissions that these grant: each wanted permission these imply,
	 * and, for a wanted wildcard these do not imply whole, each of these permissions it
	 * covers. {@code {reports:*}} limited to {@code {reports:read}} is
	 * {@code {reports:read}}; {@code {reports:read}} limited to {@code {*}} is
	 * {@code {reports:read}}.
	 * @param wanted the permissions asked for
	 * @return the permissions both grant
	 */
	public PermissionSet intersect(PermissionSet wanted) {
		Set<String> result = new LinkedHashSet<>();
		for (String permission : wanted.values) {
			if (implies(permission)) {
				result.add(permission);
			}
			else if (permission.indexOf('*') >= 0) {
				for (String held : this.values) {
					if (Permission.implies(permission, held)) {
						result.add(held);
					}
				}
			}
		}
		return result.isEmpty() ? EMPTY : new PermissionSet(result);
	}

	/**
	 * The permissions as written.
	 */
	public Set<String> values() {
		return this.values;
	}

	/**
	 * Whether there is none.
	 */
	public boolean isEmpty() {
		return this.values.isEmpty();
	}

	@Override
	public boolean equals(Object other) {
		return (this == other) || (other instanceof PermissionSet that && this.values.equals(that.values));
	}

	@Override
	public int hashCode() {
		return this.values.hashCode();
	}

	@Override
	public String toString() {
		return this.values.toString();
	}

}
