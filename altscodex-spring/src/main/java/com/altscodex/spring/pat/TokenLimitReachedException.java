package com.altscodex.spring.pat;

import java.io.Serial;

import com.altscodex.spring.client.AltsCodexException;
import com.altscodex.spring.client.FailureKind;

/**
 * A token not created because its owner holds as many live tokens as they may.
 */
public class TokenLimitReachedException extends AltsCodexException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates the failure.
	 * @param limit the most live tokens a user may hold
	 */
	public TokenLimitReachedException(int limit) {
		super(FailureKind.TOKEN_LIMIT_REACHED, "The owner holds " + limit + " live tokens, the most allowed", null);
	}

}
