package com.altscodex.spring.rbac;

import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A role: its name, what it is for, the permissions granted to it directly and the roles
 * it includes (whose permissions its holders get too).
 *
 * @param name the name: a letter, then letters, digits, {@code _} or {@code -}, 64
 * characters at most
 * @param description what the role is for, or {@code null}
 * @param permissions the permissions granted to the role itself
 * @param includes the roles it includes directly
 */
public record Role(String name, @Nullable String description, Set<String> permissions, Set<String> includes) {

	/** The most characters a role name may have. */
	public static final int MAX_NAME_LENGTH = 64;

	/** The most characters a description may have. */
	public static final int MAX_DESCRIPTION_LENGTH = 500;

	private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0," + (MAX_NAME_LENGTH - 1) + "}");

	/**
	 * Checks the name and copies the sets.
	 */
	public Role {
		checkName(name);
		if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
			throw new InvalidNameException("description of role '" + name + "'", null);
		}
		permissions = Set.copyOf(permissions);
		includes = Set.copyOf(includes);
	}

	/**
	 * Checks a role name.
	 * @param name the name
	 * @return the name
	 * @throws InvalidNameException if it is not a role name
	 */
	public static String checkName(@Nullable String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new InvalidNameException("role name", name);
		}
		return name;
	}

}
