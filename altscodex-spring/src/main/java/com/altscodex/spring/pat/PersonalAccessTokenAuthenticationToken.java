package com.altscodex.spring.pat;

import java.io.Serial;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.util.Assert;

/**
 * A request's {@code Authorization: Bearer altscodex_pat_...}, not yet authenticated. Its
 * {@link #toString()} and the logs Spring Security writes of it never hold the token.
 */
public final class PersonalAccessTokenAuthenticationToken extends AbstractAuthenticationToken {

	@Serial
	private static final long serialVersionUID = 1L;

	private @Nullable String token;

	/**
	 * Creates an unauthenticated token.
	 * @param token the raw personal access token
	 */
	public PersonalAccessTokenAuthenticationToken(String token) {
		super(List.of());
		Assert.hasText(token, "token cannot be empty");
		this.token = token;
		setAuthenticated(false);
	}

	/**
	 * The raw token, or {@code null} once erased.
	 */
	public @Nullable String getToken() {
		return this.token;
	}

	@Override
	public Object getCredentials() {
		return (this.token != null) ? this.token : "";
	}

	@Override
	public Object getPrincipal() {
		return "";
	}

	@Override
	public void eraseCredentials() {
		super.eraseCredentials();
		this.token = null;
	}

	@Override
	public String toString() {
		return "PersonalAccessTokenAuthenticationToken [Credentials=[PROTECTED]]";
	}

}
