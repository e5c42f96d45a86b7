package com.altscodex.spring.pat;

import java.io.Serializable;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who a request authenticated by a personal access token acts for: the token's owner,
 * through one token.
 *
 * @param ownerId the owner's slot id, which {@link #getName()} answers
 * @param tokenId the token's id
 * @param tokenName what its owner calls it
 */
public record PersonalAccessTokenPrincipal(String ownerId, String tokenId, String tokenName)
		implements AuthenticatedPrincipal, Serializable {

	@Override
	public String getName() {
		return this.ownerId;
	}

}
