package com.altscodex.spring.security;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.util.Assert;

/**
 * The authentication of a user signed in with AltsCodex, as it lives in the security
 * context (and so in the session): the {@link AltsCodexUser} and its authorities, no
 * credentials. The DeOAuth tokens are kept apart, in the
 * {@link ServerAltsCodexAuthorizedClientRepository}.
 */
public class AltsCodexAuthenticationToken extends AbstractAuthenticationToken {

	@Serial
	private static final long serialVersionUID = 1L;

	private final AltsCodexUser principal;

	// made once, for the reason AltsCodexUser's is
	private transient @Nullable String description;

	/**
	 * Creates an authenticated token for a user, with the user's authorities.
	 * @param principal the user
	 */
	public AltsCodexAuthenticationToken(AltsCodexUser principal) {
		super(principal.getAuthorities());
		Assert.notNull(principal, "principal cannot be null");
		this.principal = principal;
		setAuthenticated(true);
	}

	@Override
	public AltsCodexUser getPrincipal() {
		return this.principal;
	}

	/**
	 * Always empty: an AltsCodex sign-in keeps no credential in the security context.
	 */
	@Override
	public Object getCredentials() {
		return "";
	}

	/**
	 * The name of the client registration the user signed in with.
	 */
	public String getClientName() {
		return this.principal.getClientName();
	}

	@Override
	public String toString() {
		String description = this.description;
		if (description == null) {
			description = getClass().getSimpleName() + " [Principal=" + this.principal + ", Credentials=[PROTECTED], "
					+ "Authenticated=" + isAuthenticated() + ", Granted Authorities=" + getAuthorities() + "]";
			this.description = description;
		}
		return description;
	}

}
