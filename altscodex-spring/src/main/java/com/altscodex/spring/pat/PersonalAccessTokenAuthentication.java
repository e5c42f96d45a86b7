package com.altscodex.spring.pat;

import java.io.Serial;
import java.util.Collection;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.util.Assert;

/**
 * A request authenticated by a personal access token: it acts for the token's owner
 * with the token's scopes that the owner holds at the time of the request, and with no
 * role. It lives for one request; no session is made for it.
 */
public final class PersonalAccessTokenAuthentication extends AbstractAuthenticationToken {

	@Serial
	private static final long serialVersionUID = 1L;

	private final PersonalAccessTokenPrincipal principal;

	/**
	 * Creates an authenticated token.
	 * @param principal who it acts for
	 * @param authorities what it may do
	 */
	public PersonalAccessTokenAuthentication(PersonalAccessTokenPrincipal principal,
			Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		Assert.notNull(principal, "principal cannot be null");
		this.principal = principal;
		setAuthenticated(true);
	}

	@Override
	public PersonalAccessTokenPrincipal getPrincipal() {
		return this.principal;
	}

	/**
	 * Always empty: the raw token is not kept once the request is authenticated.
	 */
	@Override
	public Object getCredentials() {
		return "";
	}

}
