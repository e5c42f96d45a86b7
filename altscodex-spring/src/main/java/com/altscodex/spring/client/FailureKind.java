package com.altscodex.spring.client;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Every way a sign-in, or a request to the starter's endpoints, can fail, with what each
 * means to the outside: the HTTP status an
 * application answers, the problem type and title of its
 * {@code application/problem+json} answer, the detail shown to the browser, the
 * {@code outcome} of its observation, and, where trying again later helps, the
 * {@code Retry-After} to answer with.
 * <p>
 * Each {@link AltsCodexException} carries its kind; problem details, observations and
 * security failure handlers read this table rather than the exception's class. Adding a
 * kind touches this file only. The details are written for the browser: they hold
 * nothing DeOAuth sent.
 */
public enum FailureKind {

	/** The JWT cannot be a JWT: empty, too long, not visible ASCII. Nothing was sent. */
	INVALID_JWT(HttpStatus.BAD_REQUEST, "invalid-jwt", "Invalid sign-in token",
			"The sign-in token is not a well-formed JWT.", LoginOutcome.FAILED, null),

	/** The code to exchange cannot be a DeOAuth code. Nothing was sent. */
	INVALID_CODE(HttpStatus.BAD_REQUEST, "invalid-code", "Invalid authorization code",
			"The authorization code is missing or malformed.", LoginOutcome.FAILED, null),

	/**
	 * A sign-in request that cannot hold a sign-in: not a JSON object with one non-empty
	 * string {@code jwt}, not UTF-8. Nothing was sent.
	 */
	INVALID_LOGIN_REQUEST(HttpStatus.BAD_REQUEST, "invalid-login-request", "Invalid sign-in request",
			"The sign-in request is malformed.", LoginOutcome.FAILED, null),

	/** A sign-in request with another method than the endpoint takes. Nothing was sent. */
	LOGIN_METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "login-method-not-allowed", "Method not allowed",
			"Sign in with POST.", LoginOutcome.FAILED, null),

	/** A sign-in request whose body is not declared as JSON in UTF-8. Nothing was sent. */
	LOGIN_MEDIA_TYPE_NOT_SUPPORTED(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "login-media-type-not-supported",
			"Unsupported media type", "Send the JWT as application/json.", LoginOutcome.FAILED, null),

	/** A sign-in request whose body is larger than any JWT. Nothing was sent. */
	LOGIN_REQUEST_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "login-request-too-large", "Sign-in request too large",
			"The request body is too large.", LoginOutcome.FAILED, null),

	/**
	 * The return leg of a redirect sign-in whose state is not the one this browser
	 * session stored: another session's, already used, expired, or none. Nothing was sent.
	 */
	INVALID_STATE(HttpStatus.FORBIDDEN, "invalid-state", "Sign-in could not be verified",
			"This sign-in was not started in this browser, was already used or has expired; sign in again.",
			LoginOutcome.REJECTED, null),

	/** Too many sign-in attempts from one client address. Nothing was sent. */
	SIGN_IN_RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "sign-in-rate-limited", "Too many sign-in attempts",
			"Too many sign-in attempts from your address; wait a moment and try again.", LoginOutcome.OVERLOADED,
			Duration.ofSeconds(1)),

	/**
	 * A sign-in that needs a new session while the application holds as many sessions as
	 * it may. Nothing was sent.
	 */
	SESSIONS_FULL(HttpStatus.SERVICE_UNAVAILABLE, "sessions-full", "Sign-in busy",
			"Too many people are signed in right now; try again in a moment.", LoginOutcome.OVERLOADED,
			Duration.ofSeconds(30)),

	/** A request that needs a signed-in user came without one. */
	NOT_SIGNED_IN(HttpStatus.UNAUTHORIZED, "not-signed-in", "Sign-in required", "Sign in to continue.",
			LoginOutcome.FAILED, null),

	/** A signed-in user asked for something they may not do. */
	ACCESS_DENIED(HttpStatus.FORBIDDEN, "access-denied", "Access denied", "You are not allowed to do this.",
			LoginOutcome.FAILED, null),

	/**
	 * A state-changing request from a browser without the CSRF token: the value of the
	 * {@code XSRF-TOKEN} cookie belongs in the {@code X-XSRF-TOKEN} header.
	 */
	INVALID_CSRF_TOKEN(HttpStatus.FORBIDDEN, "invalid-csrf-token", "Missing or invalid CSRF token",
			"Send the value of the XSRF-TOKEN cookie in the X-XSRF-TOKEN header.", LoginOutcome.FAILED, null),

	/**
	 * A request whose {@code Authorization: Bearer altscodex_pat_...} token is not a live
	 * token: malformed, unknown, expired or revoked, all answered alike. Answered with
	 * {@code WWW-Authenticate: Bearer error="invalid_token"}.
	 */
	INVALID_PERSONAL_ACCESS_TOKEN(HttpStatus.UNAUTHORIZED, "invalid-token", "Invalid access token",
			"The access token is malformed, unknown, expired or revoked.", LoginOutcome.FAILED, null),

	/** Too many requests with invalid access tokens from one client address. */
	TOKEN_RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "token-rate-limited", "Too many invalid access tokens",
			"Too many requests with invalid access tokens from your address; wait a moment and try again.",
			LoginOutcome.OVERLOADED, Duration.ofSeconds(1)),

	/** The database of roles and tokens did not answer. */
	STORE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Service unavailable",
			"Roles and access tokens cannot be read right now; try again in a moment.", LoginOutcome.FAILED,
			Duration.ofSeconds(5)),

	/** A request to manage tokens or roles whose body or parameters are malformed. */
	INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", "The request is malformed.",
			LoginOutcome.FAILED, null),

	/** A request to manage tokens or roles whose body is not declared as JSON in UTF-8. */
	REQUEST_MEDIA_TYPE_NOT_SUPPORTED(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "media-type-not-supported",
			"Unsupported media type", "Send the request body as application/json.", LoginOutcome.FAILED, null),

	/** A request to manage tokens or roles whose body is larger than any it takes. */
	REQUEST_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request too large",
			"The request body is too large.", LoginOutcome.FAILED, null),

	/** A role, permission or token name outside its length or character set. */
	INVALID_NAME(HttpStatus.BAD_REQUEST, "invalid-name", "Invalid name",
			"A role, permission or token name is too long, empty or has characters it may not have.",
			LoginOutcome.FAILED, null),

	/** A role that does not exist. */
	ROLE_NOT_FOUND(HttpStatus.NOT_FOUND, "role-not-found", "No such role", "There is no role of that name.",
			LoginOutcome.FAILED, null),

	/** A role created under a name that is taken. */
	ROLE_EXISTS(HttpStatus.CONFLICT, "role-exists", "Role exists", "A role of that name exists already.",
			LoginOutcome.FAILED, null),

	/** A role inclusion that would make a role include itself. */
	ROLE_CYCLE(HttpStatus.CONFLICT, "role-cycle", "Roles would include themselves",
			"A role cannot include a role that includes it.", LoginOutcome.FAILED, null),

	/** A token id of which the caller holds no live token: unknown, or someone else's. */
	TOKEN_NOT_FOUND(HttpStatus.NOT_FOUND, "token-not-found", "No such token", "You have no token of that id.",
			LoginOutcome.FAILED, null),

	/** A user who holds as many live personal access tokens as they may. */
	TOKEN_LIMIT_REACHED(HttpStatus.CONFLICT, "token-limit-reached", "Too many tokens",
			"You hold as many access tokens as you may; revoke one first.", LoginOutcome.FAILED, null),

	/** A token asked for scopes its owner does not hold. */
	SCOPE_NOT_HELD(HttpStatus.FORBIDDEN, "scope-not-held", "Scope not held",
			"A token can only carry permissions you hold yourself.", LoginOutcome.FAILED, null),

	/** DeOAuth refused the JWT as expired ({@code EXPIRED_TOKEN}). */
	EXPIRED_TOKEN(HttpStatus.UNAUTHORIZED, "expired-token", "Sign-in token expired",
			"The sign-in token has expired; sign in again.", LoginOutcome.EXPIRED, null),

	/** DeOAuth answered 401 to a call made with the user's own JWT (authorize, logout). */
	TOKEN_REFUSED(HttpStatus.UNAUTHORIZED, "token-refused", "Sign-in token refused",
			"AltsCodex refused the sign-in token; sign in again.", LoginOutcome.HTTP_ERROR, null),

	/** DeOAuth answered {@code authorize} with another failure code. */
	AUTHORIZE_FAILED(HttpStatus.BAD_GATEWAY, "authorize-failed", "Sign-in not authorized",
			"AltsCodex did not authorize the sign-in.", LoginOutcome.FAILED, null),

	/** The callback declined the login, or came without a code. */
	AUTHORIZE_REJECTED(HttpStatus.BAD_GATEWAY, "authorize-rejected", "Sign-in rejected",
			"The sign-in was rejected.", LoginOutcome.REJECTED, null),

	/** No callback within the login's timeout. */
	CALLBACK_TIMEOUT(HttpStatus.REQUEST_TIMEOUT, "callback-timeout", "Sign-in timed out",
			"AltsCodex did not confirm the sign-in in time; try again.", LoginOutcome.TIMEOUT, null),

	/** The client stopped, as the application shuts down. */
	SHUTDOWN(HttpStatus.SERVICE_UNAVAILABLE, "shutting-down", "Service shutting down",
			"The service is shutting down; try again in a moment.", LoginOutcome.SHUTDOWN, Duration.ofSeconds(5)),

	/**
	 * The store of pending logins shared by the application's instances (Redis) did not
	 * take the login in time. Nothing was sent to DeOAuth.
	 */
	PENDING_STORE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "sign-in-unavailable", "Sign-in unavailable",
			"Sign-in is unavailable at the moment; try again in a moment.", LoginOutcome.OVERLOADED,
			Duration.ofSeconds(5)),

	/** The client has as many logins waiting for their callback as it may. Nothing was sent. */
	TOO_MANY_PENDING_LOGINS(HttpStatus.SERVICE_UNAVAILABLE, "sign-in-busy", "Sign-in busy",
			"Too many sign-ins are in progress; try again in a moment.", LoginOutcome.OVERLOADED,
			Duration.ofSeconds(1)),

	/** DeOAuth could not be reached, refused the connection, or every connection to it is busy. */
	UPSTREAM_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "upstream-unavailable", "Sign-in service unavailable",
			"The sign-in service cannot be reached right now; try again in a moment.", LoginOutcome.HTTP_ERROR,
			Duration.ofSeconds(5)),

	/** DeOAuth did not answer in time. */
	UPSTREAM_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout", "Sign-in service timed out",
			"The sign-in service did not answer in time; try again.", LoginOutcome.HTTP_ERROR, null),

	/** DeOAuth answered 429: it asks us to slow down. */
	UPSTREAM_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "upstream-busy", "Sign-in service busy",
			"The sign-in service is busy; try again in a moment.", LoginOutcome.HTTP_ERROR, Duration.ofSeconds(5)),

	/**
	 * DeOAuth answered with another non-2xx status. An upstream 4xx is our request's fault
	 * (our client credentials, our code exchange), never the browser's: a bad gateway too.
	 */
	UPSTREAM_ERROR(HttpStatus.BAD_GATEWAY, "upstream-error", "Sign-in service error",
			"The sign-in service answered with an error; try again later.", LoginOutcome.HTTP_ERROR, null),

	/** DeOAuth answered 2xx with a body the client cannot use. */
	INVALID_RESPONSE(HttpStatus.INTERNAL_SERVER_ERROR, "invalid-response", "Unusable sign-in service answer",
			"The sign-in could not be completed.", LoginOutcome.FAILED, null),

	/** DeOAuth refused a token refresh. */
	REFRESH_FAILED(HttpStatus.UNAUTHORIZED, "refresh-failed", "Token refresh refused",
			"The refresh token was refused; sign in again.", LoginOutcome.FAILED, null),

	/** Anything else. */
	INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "sign-in-failed", "Sign-in failed",
			"The sign-in could not be completed.", LoginOutcome.FAILED, null);

	/** Prefix of every problem type URI. */
	public static final String TYPE_PREFIX = "https://altscodex.com/problems/";

	private final HttpStatus status;

	private final String type;

	private final URI typeUri;

	private final String title;

	private final String detail;

	private final LoginOutcome outcome;

	private final @Nullable Duration retryAfter;

	FailureKind(HttpStatus status, String type, String title, String detail, LoginOutcome outcome,
			@Nullable Duration retryAfter) {
		this.status = status;
		this.type = type;
		// made once: a flood of refusals answers this problem type thousands of times a second
		this.typeUri = URI.create(TYPE_PREFIX + type);
		this.title = title;
		this.detail = detail;
		this.outcome = outcome;
		this.retryAfter = retryAfter;
	}

	/**
	 * The HTTP status an application answers.
	 */
	public HttpStatus status() {
		return this.status;
	}

	/**
	 * The problem type, such as {@code expired-token}; the problem's {@code type} URI is
	 * {@link #TYPE_PREFIX} followed by it.
	 */
	public String type() {
		return this.type;
	}

	/**
	 * The problem's {@code type} URI: {@link #TYPE_PREFIX} followed by {@link #type()}.
	 */
	public URI typeUri() {
		return this.typeUri;
	}

	/**
	 * The problem's title.
	 */
	public String title() {
		return this.title;
	}

	/**
	 * The problem's detail: what happened and what to do, for a person.
	 */
	public String detail() {
		return this.detail;
	}

	/**
	 * The {@code outcome} of the login or code-exchange observation that ended this way.
	 */
	public LoginOutcome outcome() {
		return this.outcome;
	}

	/**
	 * How long to ask the caller to wait before trying again ({@code Retry-After}), or
	 * {@code null} when waiting would not help.
	 */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * The kind of any failure: an {@link AltsCodexException}'s own, else
	 * {@link #INTERNAL}.
	 * @param failure the failure
	 * @return its kind
	 */
	public static FailureKind of(Throwable failure) {
		return (failure instanceof AltsCodexException ex) ? ex.getKind() : INTERNAL;
	}

}
