package com.altscodex.spring.rbac;

import org.jspecify.annotations.Nullable;

/**
 * A permission such as {@code reports:read}, or a wildcard that implies many: parts
 * separated by {@code :}, each lower-case letters, digits, {@code _}, {@code -} and
 * {@code .}, or {@code *}. A {@code *} part stands for any one part, and, as the last
 * part, for any parts that follow: {@code reports:*} implies {@code reports:read} and
 * {@code reports:read:eu}; {@code *} alone implies every permission.
 *
 * @param value the permission as written
 */
public record Permission(String value) {

	/** The most characters a permission may have. */
	public static final int MAX_LENGTH = 100;

	private static final String WILDCARD = "*";

	/**
	 * Checks a permission's syntax.
	 * @param value the permission as written
	 * @throws InvalidNameException if it is not a permission
	 */
	public Permission {
		if (!isValid(value)) {
			throw new InvalidNameException("permission", value);
		}
	}

	/**
	 * A permission.
	 * @param value the permission as written
	 * @return the permission
	 * @throws InvalidNameException if it is not a permission
	 */
	public static Permission of(String value) {
		return new Permission(value);
	}

	/**
	 * Whether a string is a permission: 1 to {@value #MAX_LENGTH} characters of parts
	 * separated by {@code :}.
	 * @param value the string
	 * @return whether it is one
	 */
	public static boolean isValid(@Nullable String value) {
		if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
			return false;
		}
		int partStart = 0;
		for (int i = 0; i <= value.length(); i++) {
			if (i == value.length() || value.charAt(i) == ':') {
				if (!isValidPart(value, partStart, i)) {
					return false;
				}
				partStart = i + 1;
			}
		}
		return true;
	}

	private static boolean isValidPart(String value, int start, int end) {
		if (start == end) {
			return false;
		}
		if (end - start == 1 && value.charAt(start) == '*') {
			return true;
		}
		for (int i = start; i < end; i++) {
			char c = value.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether this permission has a wildcard part.
	 */
	public boolean isWildcard() {
		return this.value.equals(WILDCARD) || this.value.startsWith("*:") || this.value.contains(":*");
	}

	/**
	 * Whether holding this permission grants another.
	 * @param other the permission asked for, wildcards included: {@code reports:*} implies
	 * {@code reports:*}, not {@code *}
	 * @return whether it does
	 */
	public boolean implies(Permission other) {
		return implies(this.value, other.value);
	}

	/**
	 * Whether holding one permission grants another, both valid permissions as written.
	 * @param held the permission held
	 * @param wanted the permission asked for
	 * @return whether it does
	 */
	static boolean implies(String held, String wanted) {
		if (held.equals(wanted) || held.equals(WILDCARD)) {
			return true;
		}
		if (held.indexOf('*') < 0) {
			return false;
		}
		String[] heldParts = held.split(":");
		String[] wantedParts = wanted.split(":");
		for (int i = 0; i < heldParts.length; i++) {
			if (i >= wantedParts.length) {
				return false;
			}
			if (heldParts[i].equals(WILDCARD)) {
				if (i == heldParts.length - 1) {
					// a last wildcard stands for the rest, however many parts
					return true;
				}
			}
			else if (!heldParts[i].equals(wantedParts[i])) {
				return false;
			}
		}
		return heldParts.length == wantedParts.length;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
