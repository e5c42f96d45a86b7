package com.altscodex.spring.pat;

import java.time.Instant;
import java.util.Collection;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates, lists, revokes and resolves personal access tokens. Every change is scoped to
 * the token's owner: a token id alone, leaked or guessed, lets nobody else revoke it.
 * Errors arrive in the returned publisher.
 */
public interface ReactivePersonalAccessTokenService {

	/**
	 * Creates a token. Its scopes are checked as permissions; whether the owner holds
	 * them is the caller's to check.
	 * @param ownerId the slot id of the user it acts for
	 * @param name what the owner calls it ({@link PersonalAccessToken#checkName})
	 * @param scopes the permissions it carries, 1 to {@value PersonalAccessToken#MAX_SCOPES}
	 * @param expiresAt when it stops working, in the future, or {@code null} for never
	 * @return the token and, this once, its raw value; a
	 * {@link TokenLimitReachedException} when the owner holds as many live tokens as
	 * they may
	 */
	Mono<CreatedPersonalAccessToken> create(String ownerId, String name, Collection<String> scopes,
			@Nullable Instant expiresAt);

	/**
	 * A user's live tokens (neither revoked nor expired), newest first.
	 * @param ownerId the user's slot id
	 * @return the tokens
	 */
	Flux<PersonalAccessToken> findLiveTokens(String ownerId);

	/**
	 * Revokes one of a user's tokens.
	 * @param ownerId the user's slot id
	 * @param tokenId the token's id
	 * @return whether a live token of theirs was revoked now: {@code false} for one
	 * revoked before, someone else's, or none
	 */
	Mono<Boolean> revoke(String ownerId, String tokenId);

	/**
	 * Revokes all of a user's tokens.
	 * @param ownerId the user's slot id
	 * @return how many live tokens were revoked
	 */
	Mono<Long> revokeAll(String ownerId);

	/**
	 * The live token a raw token is, noting its use (at most once a minute). A malformed
	 * token is refused without asking the store.
	 * @param rawToken the raw token
	 * @return the token, or empty for anything but a live token: malformed, unknown,
	 * expired and revoked alike
	 */
	Mono<PersonalAccessToken> resolve(String rawToken);

}
