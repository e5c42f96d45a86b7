package com.altscodex.spring.client;

/**
 * The JWT handed to the client cannot be a JWT: empty, too long, or holding
 * characters other than visible ASCII. Nothing was sent to DeOAuth.
 */
public class InvalidJwtException extends AltsCodexException {

	public InvalidJwtException(String reason) {
		super(FailureKind.INVALID_JWT, "Invalid JWT: " + reason, null);
	}

}
