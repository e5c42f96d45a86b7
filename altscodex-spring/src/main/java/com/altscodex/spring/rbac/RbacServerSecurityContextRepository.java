package com.altscodex.spring.rbac;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

import com.altscodex.spring.security.AltsCodexAuthenticationToken;
import com.altscodex.spring.security.AltsCodexUser;

/**
 * Gives a signed-in AltsCodex user, for the request, the authorities their roles give
 * them now: {@code ROLE_<role>} and each permission of their effective roles, beside those
 * they signed in with. It wraps the repository the security context is kept in (the
 * {@code WebSession}): what is saved is saved as it is, and what is loaded gets the
 * user's roles, looked up on every request through the {@link ReactiveRoleService}
 * (usually a {@link CachingReactiveRoleService}), so a role taken away stops working on
 * the next request. Spring Security loads the context once per request and shares it;
 * this adds no filter to the chain. Other authentications (a personal access token, a
 * mock user in a test) are loaded unchanged.
 */
public final class RbacServerSecurityContextRepository implements ServerSecurityContextRepository {

	private final ServerSecurityContextRepository delegate;

	private final ReactiveRoleService roleService;

	// A session's token and its user's authorizations, while both are the same objects,
	// give the same context: made once, not on every request. Spring Security's DEBUG
	// messages print the context's authentication, whose description a new one would
	// make anew each time. Weak keys: an entry goes with the session that holds the token.
	private final Cache<AltsCodexAuthenticationToken, WithRoles> contexts = Caffeine.newBuilder()
		.weakKeys()
		.maximumSize(10_000)
		.build();

	/**
	 * Creates a repository.
	 * @param delegate where the security context is kept
	 * @param roleService knows users' roles
	 */
	public RbacServerSecurityContextRepository(ServerSecurityContextRepository delegate,
			ReactiveRoleService roleService) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.notNull(roleService, "roleService cannot be null");
		this.delegate = delegate;
		this.roleService = roleService;
	}

	@Override
	public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
		return this.delegate.save(exchange, context);
	}

	@Override
	public Mono<SecurityContext> load(ServerWebExchange exchange) {
		return this.delegate.load(exchange).flatMap(this::withRoles);
	}

	private Mono<SecurityContext> withRoles(SecurityContext securityContext) {
		Authentication authentication = securityContext.getAuthentication();
		if (!(authentication instanceof AltsCodexAuthenticationToken token) || !token.isAuthenticated()) {
			return Mono.just(securityContext);
		}
		AltsCodexUser user = token.getPrincipal();
		return this.roleService.loadAuthorizations(user.getId()).map((authorizations) -> {
			if (authorizations.isEmpty()) {
				return securityContext;
			}
			WithRoles known = this.contexts.getIfPresent(token);
			if (known != null && known.authorizations() == authorizations) {
				return known.context();
			}
			Set<GrantedAuthority> authorities = new LinkedHashSet<>(user.getAuthorities());
			authorities.addAll(authorizations.authorities());
			List<GrantedAuthority> all = new ArrayList<>(authorities);
			AltsCodexAuthenticationToken withRoles = new AltsCodexAuthenticationToken(user.withAuthorities(all));
			withRoles.setDetails(token.getDetails());
			SecurityContext context = new SecurityContextImpl(withRoles);
			this.contexts.put(token, new WithRoles(authorizations, context));
			return context;
		});
	}

	@Override
	public String toString() {
		return "RbacServerSecurityContextRepository[" + this.delegate.getClass().getSimpleName() + "]";
	}

	private record WithRoles(UserAuthorizations authorizations, SecurityContext context) {
	}

}
