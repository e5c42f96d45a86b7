package com.altscodex.spring.rbac;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.altscodex.spring.security.AltsCodexAuthenticationToken;
import com.altscodex.spring.security.AltsCodexUser;

/**
 * Gives a signed-in AltsCodex user, for the rest of the request, the authorities their
 * roles give them now: {@code ROLE_<role>} and each permission of their effective roles,
 * beside those they signed in with. They are looked up on every request (through the
 * {@link ReactiveRoleService}, usually a {@link CachingReactiveRoleService}), not kept in
 * the session, so a role taken away stops working on the next request.
 * <p>
 * Placed after the filters that authenticate, so that it sees the context they set, and
 * before authorization. Other authentications (a personal access token, a mock user in a
 * test) pass unchanged.
 */
public final class RbacAuthoritiesWebFilter implements WebFilter {

	// the key ReactiveSecurityContextHolder keeps the context under
	private static final Class<?> SECURITY_CONTEXT_KEY = SecurityContext.class;

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
	 * Creates a filter.
	 * @param roleService knows users' roles
	 */
	public RbacAuthoritiesWebFilter(ReactiveRoleService roleService) {
		Assert.notNull(roleService, "roleService cannot be null");
		this.roleService = roleService;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return chain.filter(exchange).contextWrite(this::withRoles);
	}

	private Context withRoles(Context context) {
		Mono<SecurityContext> current = context.<Mono<SecurityContext>>getOrEmpty(SECURITY_CONTEXT_KEY).orElse(null);
		if (current == null) {
			return context;
		}
		// read from the context as it was: a lookup through the holder would find this one
		Mono<SecurityContext> withRoles = current.flatMap(this::withRoles).cache();
		return context.putAll(ReactiveSecurityContextHolder.withSecurityContext(withRoles).readOnly());
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

	private record WithRoles(UserAuthorizations authorizations, SecurityContext context) {
	}

	@Override
	public String toString() {
		return "RbacAuthoritiesWebFilter";
	}

}
