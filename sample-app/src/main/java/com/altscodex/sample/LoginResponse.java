package com.altscodex.sample;

/**
 * The answer to a successful {@code POST /login}.
 *
 * @param success always {@code true}; failures are {@code application/problem+json}
 * @param user the signed-in user
 */
record LoginResponse(boolean success, SignedInUser user) {

	static LoginResponse signedIn(SignedInUser user) {
		return new LoginResponse(true, user);
	}

}
