package com.altscodex.spring.pat;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.altscodex.spring.rbac.InvalidNameException;

/**
 * What is known of a personal access token besides its secret, which is never kept.
 *
 * @param id the token's id, which its owner names it by
 * @param ownerId the slot id of the user it acts for
 * @param name what its owner calls it, 1 to 100 characters
 * @param scopes the permissions it carries, 1 to 32
 * @param createdAt when it was created
 * @param expiresAt when it stops working, or {@code null} for never
 * @param lastUsedAt when it was last used, to the minute, or {@code null}
 * @param revokedAt when it was revoked, or {@code null}
 */
public record PersonalAccessToken(String id, String ownerId, String name, List<String> scopes, Instant createdAt,
		@Nullable Instant expiresAt, @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {

	/** The most characters a token's name may have. */
	public static final int MAX_NAME_LENGTH = 100;

	/** The most scopes a token may carry. */
	public static final int MAX_SCOPES = 32;

	private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}\\p{P}\\p{Zs}]{1," + MAX_NAME_LENGTH + "}");

	/**
	 * Copies the scopes.
	 */
	public PersonalAccessToken {
		scopes = List.copyOf(scopes);
	}

	/**
	 * Whether the token works at an instant: not revoked, not expired.
	 * @param now the instant
	 * @return whether it does
	 */
	public boolean isLive(Instant now) {
		return this.revokedAt == null && (this.expiresAt == null || now.isBefore(this.expiresAt));
	}

	/**
	 * Checks a token's name: 1 to {@value #MAX_NAME_LENGTH} letters, digits, punctuation
	 * and spaces, not only spaces.
	 * @param name the name
	 * @return the name
	 * @throws InvalidNameException if it is not a token name
	 */
	public static String checkName(@Nullable String name) {
		if (name == null || !NAME.matcher(name).matches() || name.isBlank()) {
			throw new InvalidNameException("token name", name);
		}
		return name;
	}

}
