package com.altscodex.spring.rbac;

import java.util.Collection;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagerFactory;
import org.springframework.security.authorization.DefaultAuthorizationManagerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.util.Assert;

/**
 * Makes {@code hasAuthority}, {@code hasAnyAuthority} and {@code hasAllAuthorities}
 * honour wildcard permissions: a user holding {@code reports:*} has
 * {@code reports:read}. Roles and everything else are decided by Spring Security's
 * {@link DefaultAuthorizationManagerFactory}. Set it on the method security expression
 * handler ({@code setAuthorizationManagerFactory}): reactive method security reads no
 * {@code RoleHierarchy} or factory bean of its own.
 * <p>
 * An authority that starts with {@code ROLE_} is a role, never a wildcard; a held
 * authority that is not a permission ({@link Permission#isValid}) grants only itself.
 *
 * @param <T> what is authorized
 */
public final class PermissionAuthorizationManagerFactory<T> implements AuthorizationManagerFactory<T> {

	private final AuthorizationManagerFactory<T> delegate;

	/**
	 * Creates a factory over Spring Security's default.
	 */
	public PermissionAuthorizationManagerFactory() {
		this(new DefaultAuthorizationManagerFactory<>());
	}

	/**
	 * Creates a factory over another, which decides all but authorities.
	 * @param delegate the other factory
	 */
	public PermissionAuthorizationManagerFactory(AuthorizationManagerFactory<T> delegate) {
		Assert.notNull(delegate, "delegate cannot be null");
		this.delegate = delegate;
	}

	@Override
	public AuthorizationManager<T> permitAll() {
		return this.delegate.permitAll();
	}

	@Override
	public AuthorizationManager<T> denyAll() {
		return this.delegate.denyAll();
	}

	@Override
	public AuthorizationManager<T> hasRole(String role) {
		return this.delegate.hasRole(role);
	}

	@Override
	public AuthorizationManager<T> hasAnyRole(String... roles) {
		return this.delegate.hasAnyRole(roles);
	}

	@Override
	public AuthorizationManager<T> hasAllRoles(String... roles) {
		return this.delegate.hasAllRoles(roles);
	}

	@Override
	public AuthorizationManager<T> authenticated() {
		return this.delegate.authenticated();
	}

	@Override
	public AuthorizationManager<T> fullyAuthenticated() {
		return this.delegate.fullyAuthenticated();
	}

	@Override
	public AuthorizationManager<T> rememberMe() {
		return this.delegate.rememberMe();
	}

	@Override
	public AuthorizationManager<T> anonymous() {
		return this.delegate.anonymous();
	}

	@Override
	public AuthorizationManager<T> hasAuthority(String authority) {
		return new PermissionsAuthorizationManager<>(new String[] { authority }, false);
	}

	@Override
	public AuthorizationManager<T> hasAnyAuthority(String... authorities) {
		return new PermissionsAuthorizationManager<>(authorities, false);
	}

	@Override
	public AuthorizationManager<T> hasAllAuthorities(String... authorities) {
		return new PermissionsAuthorizationManager<>(authorities, true);
	}

	/**
	 * Whether an authentication holds an authority, a wildcard that implies it included.
	 * @param authentication the authentication, or {@code null}
	 * @param authority the authority asked for
	 * @return whether it holds it
	 */
	public static boolean holds(@Nullable Authentication authentication, String authority) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return false;
		}
		return holds(authentication.getAuthorities(), authority);
	}

	static boolean holds(Collection<? extends GrantedAuthority> held, String authority) {
		boolean permission = !authority.startsWith(UserAuthorizations.ROLE_PREFIX) && Permission.isValid(authority);
		for (GrantedAuthority granted : held) {
			String value = granted.getAuthority();
			if (value == null) {
				continue;
			}
			if (value.equals(authority)) {
				return true;
			}
			if (permission && value.indexOf('*') >= 0 && !value.startsWith(UserAuthorizations.ROLE_PREFIX)
					&& Permission.isValid(value) && Permission.implies(value, authority)) {
				return true;
			}
		}
		return false;
	}

	private record PermissionsAuthorizationManager<T>(String[] authorities, boolean all)
			implements AuthorizationManager<T> {

		@Override
		public AuthorizationDecision authorize(Supplier<? extends Authentication> authentication, T object) {
			Authentication current = authentication.get();
			for (String authority : this.authorities) {
				boolean held = holds(current, authority);
				if (held != this.all) {
					return new AuthorizationDecision(held);
				}
			}
			return new AuthorizationDecision(this.all);
		}

	}

}
