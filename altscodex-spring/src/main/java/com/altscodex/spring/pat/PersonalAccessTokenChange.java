package com.altscodex.spring.pat;

import org.jspecify.annotations.Nullable;

/**
 * What a revocation touched, for those who keep resolved tokens: one token of a user's,
 * or all of them.
 *
 * @param ownerId the slot id of the user whose tokens were revoked
 * @param tokenId the revoked token's id, or {@code null} for all of the user's tokens
 */
public record PersonalAccessTokenChange(String ownerId, @Nullable String tokenId) {

	/**
	 * One token revoked.
	 * @param ownerId the token owner's slot id
	 * @param tokenId the token's id
	 * @return the change
	 */
	public static PersonalAccessTokenChange revoked(String ownerId, String tokenId) {
		return new PersonalAccessTokenChange(ownerId, tokenId);
	}

	/**
	 * All of a user's tokens revoked.
	 * @param ownerId the user's slot id
	 * @return the change
	 */
	public static PersonalAccessTokenChange allRevoked(String ownerId) {
		return new PersonalAccessTokenChange(ownerId, null);
	}

}
