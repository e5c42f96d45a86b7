package com.altscodex.spring.client;

/**
 * The code handed to {@link AltsCodexClient#exchangeCode(String)} cannot be a DeOAuth
 * code: empty or too long. In the redirect flow it comes from the browser's query
 * string, so it is the request's fault. Nothing was sent to DeOAuth.
 */
public class InvalidCodeException extends AltsCodexException {

	public InvalidCodeException(String reason) {
		super(FailureKind.INVALID_CODE, "Invalid code: " + reason, null);
	}

}
