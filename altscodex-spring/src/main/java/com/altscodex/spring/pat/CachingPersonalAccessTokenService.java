package com.altscodex.spring.pat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * A {@link ReactivePersonalAccessTokenService} that keeps resolved tokens for a short
 * time, by their hash, since a script may send the same token many times a second. A
 * revocation made through it forgets the tokens it revoked as soon as it is stored;
 * other instances forget them when told ({@link #forgetToken}, {@link #forgetOwner}) or
 * when their entry expires. An entry never outlives its token's expiry, and a malformed
 * token is refused without a lookup or an entry.
 * <p>
 * At most {@code maximumSize} tokens are kept; unknown tokens are not kept at all, so
 * guessing fills nothing.
 */
public final class CachingPersonalAccessTokenService implements ReactivePersonalAccessTokenService {

	private final ReactivePersonalAccessTokenService delegate;

	// null when nothing is to be kept: Caffeine would still keep an entry a moment
	private final @Nullable AsyncCache<String, PersonalAccessToken> tokens;

	private Clock clock = Clock.systemUTC();

	private Consumer<PersonalAccessTokenChange> changeListener = (change) -> {
	};

	/**
	 * Creates a caching service.
	 * @param delegate the service that stores the tokens
	 * @param timeToLive how long a token is kept at most; zero for none kept
	 * @param maximumSize the most tokens kept; zero for none
	 */
	public CachingPersonalAccessTokenService(ReactivePersonalAccessTokenService delegate, Duration timeToLive,
			long maximumSize) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.isTrue(timeToLive != null && !timeToLive.isNegative(), "timeToLive must not be negative");
		Assert.isTrue(maximumSize >= 0, "maximumSize must not be negative");
		this.delegate = delegate;
		this.tokens = (timeToLive.isZero() || maximumSize == 0) ? null
				: Caffeine.newBuilder().expireAfterWrite(timeToLive).maximumSize(maximumSize).buildAsync();
	}

	/**
	 * Sets the clock that tells whether a kept token has expired. Defaults to the
	 * system's.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock cannot be null");
		this.clock = clock;
	}

	/**
	 * Sets who hears of every revocation made through this service that revoked a token,
	 * after it is stored: for example, to tell other instances to {@link #forget} it.
	 * Defaults to no one.
	 * @param changeListener the listener
	 */
	public void setChangeListener(Consumer<PersonalAccessTokenChange> changeListener) {
		Assert.notNull(changeListener, "changeListener cannot be null");
		this.changeListener = changeListener;
	}

	/**
	 * Forgets the tokens a revocation touched, such as one made on another instance.
	 * @param change the revocation
	 */
	public void forget(PersonalAccessTokenChange change) {
		String tokenId = change.tokenId();
		if (tokenId != null) {
			forgetToken(tokenId);
		}
		else {
			forgetOwner(change.ownerId());
		}
	}

	/**
	 * Forgets every token kept, such as when revocations made on other instances may
	 * have been missed.
	 */
	public void forgetAll() {
		AsyncCache<String, PersonalAccessToken> tokens = this.tokens;
		if (tokens != null) {
			tokens.synchronous().invalidateAll();
		}
	}

	/**
	 * Forgets a token, such as one revoked on another instance.
	 * @param tokenId the token's id
	 */
	public void forgetToken(String tokenId) {
		forget((token) -> token.id().equals(tokenId));
	}

	/**
	 * Forgets all of a user's tokens, such as after they were revoked on another instance.
	 * @param ownerId the user's slot id
	 */
	public void forgetOwner(String ownerId) {
		forget((token) -> token.ownerId().equals(ownerId));
	}

	private void forget(Predicate<PersonalAccessToken> which) {
		AsyncCache<String, PersonalAccessToken> tokens = this.tokens;
		if (tokens != null) {
			tokens.synchronous().asMap().values().removeIf(which);
		}
	}

	@Override
	public Mono<PersonalAccessToken> resolve(String rawToken) {
		if (!PersonalAccessTokenCodec.isWellFormed(rawToken)) {
			return Mono.empty();
		}
		AsyncCache<String, PersonalAccessToken> tokens = this.tokens;
		if (tokens == null) {
			return this.delegate.resolve(rawToken);
		}
		String hash = PersonalAccessTokenCodec.hash(rawToken);
		return Mono
			.fromFuture(() -> tokens.get(hash, (key, executor) -> this.delegate.resolve(rawToken).toFuture()), true)
			.flatMap((token) -> {
				if (token.isLive(this.clock.instant())) {
					return Mono.just(token);
				}
				tokens.synchronous().invalidate(hash);
				return Mono.empty();
			});
	}

	@Override
	public Mono<CreatedPersonalAccessToken> create(String ownerId, String name, Collection<String> scopes,
			@Nullable Instant expiresAt) {
		return this.delegate.create(ownerId, name, scopes, expiresAt);
	}

	@Override
	public Flux<PersonalAccessToken> findLiveTokens(String ownerId) {
		return this.delegate.findLiveTokens(ownerId);
	}

	@Override
	public Mono<Boolean> revoke(String ownerId, String tokenId) {
		return this.delegate.revoke(ownerId, tokenId).doOnNext((revoked) -> {
			forgetToken(tokenId);
			if (revoked) {
				this.changeListener.accept(PersonalAccessTokenChange.revoked(ownerId, tokenId));
			}
		});
	}

	@Override
	public Mono<Long> revokeAll(String ownerId) {
		return this.delegate.revokeAll(ownerId).doOnNext((revoked) -> {
			forgetOwner(ownerId);
			if (revoked > 0) {
				this.changeListener.accept(PersonalAccessTokenChange.allRevoked(ownerId));
			}
		});
	}

}
