package com.altscodex.spring.client;

/**
 * The server-to-server calls the client makes to DeOAuth.
 */
public enum DeOAuthOperation {

	/** {@code GET /v1/oauth-meta/authorize}. */
	AUTHORIZE("authorize"),

	/** {@code POST /v1/oauth-meta/get_token}. */
	GET_TOKEN("get_token"),

	/** {@code POST /oauth/token/refresh}. */
	REFRESH("token refresh"),

	/** {@code POST /oauth/logout}. */
	LOGOUT("logout");

	private final String description;

	DeOAuthOperation(String description) {
		this.description = description;
	}

	String description() {
		return this.description;
	}

	/**
	 * Whether the call is made with the user's own JWT (a 401 then means the user's
	 * token was refused, not our client credentials).
	 */
	boolean sendsUserJwt() {
		return this == AUTHORIZE || this == LOGOUT;
	}

}
