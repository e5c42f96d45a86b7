package com.altscodex.spring.client;

import org.jspecify.annotations.Nullable;

/**
 * Base class of every failure the AltsCodex client reports. Messages never contain
 * client secrets, JWTs, codes or access tokens.
 */
public class AltsCodexException extends RuntimeException {

	public AltsCodexException(String message) {
		super(message);
	}

	public AltsCodexException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
