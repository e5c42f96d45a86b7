package com.altscodex.spring.rbac;

import reactor.core.publisher.Mono;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.util.Assert;

/**
 * Grants a request when its user holds a permission, wildcards included, for URL rules:
 * {@code exchanges.pathMatchers("/reports/**").access(PermissionReactiveAuthorizationManager.hasPermission("reports:read"))}.
 * Spring Security's own {@code hasAuthority} rule compares strings only.
 *
 * @param <T> what is authorized
 */
public final class PermissionReactiveAuthorizationManager<T> implements ReactiveAuthorizationManager<T> {

	private static final Mono<AuthorizationResult> GRANTED = Mono.just(new AuthorizationDecision(true));

	private static final Mono<AuthorizationResult> DENIED = Mono.just(new AuthorizationDecision(false));

	private final String permission;

	private PermissionReactiveAuthorizationManager(String permission) {
		this.permission = permission;
	}

	/**
	 * A manager that grants holders of a permission.
	 * @param permission the permission
	 * @param <T> what is authorized
	 * @return the manager
	 */
	public static <T> PermissionReactiveAuthorizationManager<T> hasPermission(String permission) {
		Assert.isTrue(Permission.isValid(permission), () -> "'" + permission + "' is not a permission");
		return new PermissionReactiveAuthorizationManager<>(permission);
	}

	@Override
	public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, T object) {
		return authentication
			.flatMap((current) -> PermissionAuthorizationManagerFactory.holds(current, this.permission) ? GRANTED
					: DENIED)
			.switchIfEmpty(DENIED);
	}

	@Override
	public String toString() {
		return "PermissionReactiveAuthorizationManager[" + this.permission + "]";
	}

}
