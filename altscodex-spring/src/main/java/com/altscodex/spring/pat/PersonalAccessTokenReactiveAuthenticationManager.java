package com.altscodex.spring.pat;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.util.Assert;

import com.altscodex.spring.client.FailureKind;
import com.altscodex.spring.rbac.PermissionSet;
import com.altscodex.spring.rbac.ReactiveRoleService;
import com.altscodex.spring.security.AltsCodexAuthenticationException;

/**
 * Authenticates a {@link PersonalAccessTokenAuthenticationToken}: the token must resolve
 * to a live token ({@link ReactivePersonalAccessTokenService#resolve}), and the request
 * gets the token's scopes limited to the permissions its owner holds now. So taking a
 * role from a user narrows their tokens on the next request, and a token never does more
 * than its owner. Unknown, expired and revoked tokens fail alike; other authentications
 * are not this manager's (empty).
 */
public final class PersonalAccessTokenReactiveAuthenticationManager implements ReactiveAuthenticationManager {

	private static final Mono<Authentication> INVALID = Mono
		.error(new AltsCodexAuthenticationException(FailureKind.INVALID_PERSONAL_ACCESS_TOKEN));

	private final ReactivePersonalAccessTokenService tokenService;

	private final ReactiveRoleService roleService;

	/**
	 * Creates a manager.
	 * @param tokenService resolves tokens
	 * @param roleService knows what owners hold now
	 */
	public PersonalAccessTokenReactiveAuthenticationManager(ReactivePersonalAccessTokenService tokenService,
			ReactiveRoleService roleService) {
		Assert.notNull(tokenService, "tokenService cannot be null");
		Assert.notNull(roleService, "roleService cannot be null");
		this.tokenService = tokenService;
		this.roleService = roleService;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		if (!(authentication instanceof PersonalAccessTokenAuthenticationToken bearer) || bearer.getToken() == null) {
			return Mono.empty();
		}
		return this.tokenService.resolve(bearer.getToken())
			.flatMap(this::authenticated)
			.switchIfEmpty(INVALID)
			.onErrorMap((failure) -> !(failure instanceof AuthenticationException),
					(failure) -> new AltsCodexAuthenticationException(FailureKind.STORE_UNAVAILABLE, failure));
	}

	private Mono<Authentication> authenticated(PersonalAccessToken token) {
		return this.roleService.loadAuthorizations(token.ownerId()).map((owner) -> {
			PermissionSet granted = owner.permissions().intersect(PermissionSet.of(token.scopes()));
			List<GrantedAuthority> authorities = new ArrayList<>(granted.values().size());
			for (String permission : granted.values()) {
				authorities.add(new SimpleGrantedAuthority(permission));
			}
			return new PersonalAccessTokenAuthentication(
					new PersonalAccessTokenPrincipal(token.ownerId(), token.id(), token.name()), authorities);
		});
	}

}
