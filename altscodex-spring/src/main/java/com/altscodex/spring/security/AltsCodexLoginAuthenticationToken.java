package com.altscodex.spring.security;

import java.io.Serial;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.util.Assert;

/**
 * A sign-in with AltsCodex on its way through Spring Security, like
 * {@code OAuth2LoginAuthenticationToken}: first the grant a converter read (the browser's
 * JWT, or the code a redirect came back with) for one client registration; then, once the
 * {@link AltsCodexReactiveAuthenticationManager} has signed in, the user and what the
 * server keeps of the sign-in. The login filter turns it into an
 * {@link AltsCodexAuthenticationToken}, which holds no secret, before the security
 * context is saved.
 * <p>
 * The grant is its credentials: {@link #toString()} never shows it and
 * {@link #eraseCredentials()} forgets it.
 */
public final class AltsCodexLoginAuthenticationToken extends AbstractAuthenticationToken {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String clientName;

	private final GrantType grantType;

	private @Nullable String grant;

	private final @Nullable AltsCodexUser user;

	private final transient @Nullable AltsCodexAuthorizedClient authorizedClient;

	private AltsCodexLoginAuthenticationToken(String clientName, GrantType grantType, @Nullable String grant,
			@Nullable AltsCodexUser user, @Nullable AltsCodexAuthorizedClient authorizedClient) {
		super((user != null) ? user.getAuthorities() : List.of());
		Assert.hasText(clientName, "clientName cannot be empty");
		this.clientName = clientName;
		this.grantType = grantType;
		this.grant = grant;
		this.user = user;
		this.authorizedClient = authorizedClient;
		setAuthenticated(user != null);
	}

	/**
	 * A sign-in with the JWT the browser obtained from the platform (the popup flow).
	 * @param clientName the client registration to sign in with
	 * @param jwt the JWT
	 * @return the unauthenticated token
	 */
	public static AltsCodexLoginAuthenticationToken jwt(String clientName, String jwt) {
		Assert.hasText(jwt, "jwt cannot be empty");
		return new AltsCodexLoginAuthenticationToken(clientName, GrantType.JWT, jwt, null, null);
	}

	/**
	 * A sign-in with the code a redirect came back with, its state already checked.
	 * @param clientName the client registration to sign in with
	 * @param code the code
	 * @return the unauthenticated token
	 */
	public static AltsCodexLoginAuthenticationToken code(String clientName, String code) {
		Assert.hasText(code, "code cannot be empty");
		return new AltsCodexLoginAuthenticationToken(clientName, GrantType.CODE, code, null, null);
	}

	/**
	 * The sign-in done.
	 * @param user the signed-in user
	 * @param authorizedClient what the server keeps of the sign-in
	 * @return the authenticated token, without its grant
	 */
	public AltsCodexLoginAuthenticationToken signedIn(AltsCodexUser user, AltsCodexAuthorizedClient authorizedClient) {
		Assert.notNull(user, "user cannot be null");
		Assert.notNull(authorizedClient, "authorizedClient cannot be null");
		return new AltsCodexLoginAuthenticationToken(this.clientName, this.grantType, null, user, authorizedClient);
	}

	/**
	 * The name of the client registration to sign in with.
	 */
	public String getClientName() {
		return this.clientName;
	}

	/**
	 * What kind of grant the sign-in started with.
	 */
	public GrantType getGrantType() {
		return this.grantType;
	}

	/**
	 * The grant (JWT or code) until the sign-in is done, then {@code null}.
	 */
	public @Nullable String getGrant() {
		return this.grant;
	}

	/**
	 * The signed-in user once the sign-in is done.
	 */
	public @Nullable AltsCodexUser getUser() {
		return this.user;
	}

	/**
	 * What the server keeps of the sign-in, once it is done.
	 */
	public @Nullable AltsCodexAuthorizedClient getAuthorizedClient() {
		return this.authorizedClient;
	}

	/**
	 * The user once signed in, else the client registration's name.
	 */
	@Override
	public Object getPrincipal() {
		return (this.user != null) ? this.user : this.clientName;
	}

	@Override
	public @Nullable Object getCredentials() {
		return this.grant;
	}

	@Override
	public void eraseCredentials() {
		super.eraseCredentials();
		this.grant = null;
	}

	/**
	 * The grants a sign-in starts with.
	 */
	public enum GrantType {

		/** The browser's JWT, from the platform's popup. */
		JWT,

		/** The one-time code of a redirect's return, its state checked. */
		CODE

	}

}
