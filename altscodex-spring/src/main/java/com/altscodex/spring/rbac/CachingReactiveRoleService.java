package com.altscodex.spring.rbac;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * A {@link ReactiveRoleService} that keeps users' authorizations for a short time, since
 * every request of a signed-in user asks for them. A change made through it forgets what
 * it touched as soon as the change is stored: a user's own entry for an assignment,
 * every entry for a change to a role. So a revoked role stops working on this instance
 * on the next request; other instances forget it when told ({@link #forget}) or when
 * their entry expires.
 * <p>
 * At most {@code maximumSize} users are kept; beyond that the least used are dropped.
 * Concurrent requests of one user share one load.
 */
public final class CachingReactiveRoleService implements ReactiveRoleService {

	private final ReactiveRoleService delegate;

	// null when nothing is to be kept: Caffeine would still keep an entry a moment
	private final @Nullable AsyncCache<String, UserAuthorizations> authorizations;

	private Consumer<RbacChange> changeListener = (change) -> {
	};

	/**
	 * Creates a caching service.
	 * @param delegate the service that stores the roles
	 * @param timeToLive how long an entry is kept at most; zero for none kept
	 * @param maximumSize the most users kept; zero for none
	 */
	public CachingReactiveRoleService(ReactiveRoleService delegate, Duration timeToLive, long maximumSize) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.isTrue(timeToLive != null && !timeToLive.isNegative(), "timeToLive must not be negative");
		Assert.isTrue(maximumSize >= 0, "maximumSize must not be negative");
		this.delegate = delegate;
		this.authorizations = (timeToLive.isZero() || maximumSize == 0) ? null
				: Caffeine.newBuilder().expireAfterWrite(timeToLive).maximumSize(maximumSize).buildAsync();
	}

	/**
	 * Sets who hears of every change made through this service, after it is stored: for
	 * example, to tell other instances to {@link #forget} it. Defaults to no one.
	 * @param changeListener the listener
	 */
	public void setChangeListener(Consumer<RbacChange> changeListener) {
		Assert.notNull(changeListener, "changeListener cannot be null");
		this.changeListener = changeListener;
	}

	/**
	 * Forgets the authorizations a change touched, such as one made on another instance.
	 * @param change the change
	 */
	public void forget(RbacChange change) {
		AsyncCache<String, UserAuthorizations> authorizations = this.authorizations;
		if (authorizations == null) {
			return;
		}
		String slotId = change.slotId();
		if (slotId != null) {
			authorizations.synchronous().invalidate(slotId);
		}
		else {
			authorizations.synchronous().invalidateAll();
		}
	}

	@Override
	public Mono<UserAuthorizations> loadAuthorizations(String slotId) {
		AsyncCache<String, UserAuthorizations> authorizations = this.authorizations;
		if (authorizations == null) {
			return this.delegate.loadAuthorizations(slotId);
		}
		CompletableFuture<UserAuthorizations> kept = authorizations.getIfPresent(slotId);
		if (kept != null && kept.isDone() && !kept.isCompletedExceptionally()) {
			// nearly every request: no future to watch
			return Mono.justOrEmpty(kept.getNow(null));
		}
		// suppressCancel: one request giving up must not cancel the load others wait for
		return Mono.fromFuture(() -> authorizations.get(slotId,
				(key, executor) -> this.delegate.loadAuthorizations(key).toFuture()), true);
	}

	@Override
	public Mono<Role> createRole(String name, @Nullable String description, String actor) {
		return this.delegate.createRole(name, description, actor);
	}

	@Override
	public Mono<Boolean> deleteRole(String name, String actor) {
		return changed(this.delegate.deleteRole(name, actor), RbacChange.everyone());
	}

	@Override
	public Mono<Role> findRole(String name) {
		return this.delegate.findRole(name);
	}

	@Override
	public Flux<Role> findRoles() {
		return this.delegate.findRoles();
	}

	@Override
	public Mono<Boolean> grant(String role, String permission, String actor) {
		return changed(this.delegate.grant(role, permission, actor), RbacChange.everyone());
	}

	@Override
	public Mono<Boolean> revoke(String role, String permission, String actor) {
		return changed(this.delegate.revoke(role, permission, actor), RbacChange.everyone());
	}

	@Override
	public Mono<Boolean> include(String role, String included, String actor) {
		return changed(this.delegate.include(role, included, actor), RbacChange.everyone());
	}

	@Override
	public Mono<Boolean> exclude(String role, String included, String actor) {
		return changed(this.delegate.exclude(role, included, actor), RbacChange.everyone());
	}

	@Override
	public Mono<Boolean> assign(String slotId, String role, String actor) {
		return changed(this.delegate.assign(slotId, role, actor), RbacChange.user(slotId));
	}

	@Override
	public Mono<Boolean> unassign(String slotId, String role, String actor) {
		return changed(this.delegate.unassign(slotId, role, actor), RbacChange.user(slotId));
	}

	@Override
	public Flux<String> findAssignedRoles(String slotId) {
		return this.delegate.findAssignedRoles(slotId);
	}

	@Override
	public Flux<AuditEntry> findAuditEntries(int limit) {
		return this.delegate.findAuditEntries(limit);
	}

	private Mono<Boolean> changed(Mono<Boolean> change, RbacChange touched) {
		return change.doOnNext((changed) -> {
			if (changed) {
				forget(touched);
				this.changeListener.accept(touched);
			}
		});
	}

}
