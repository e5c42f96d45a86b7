package com.altscodex.spring.client;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Base class of every failure the AltsCodex client reports. Each carries its
 * {@link FailureKind}, which says what the failure means to the outside (status, problem
 * type, observation outcome). Messages never contain client secrets, JWTs, codes or
 * access tokens.
 */
public class AltsCodexException extends RuntimeException {

	private static final Pattern SAFE_ERROR_CODE = Pattern.compile("[A-Z0-9_]{1,64}");

	private final FailureKind kind;

	/**
	 * Creates a failure of kind {@link FailureKind#INTERNAL}.
	 * @param message the message, without secrets
	 */
	public AltsCodexException(String message) {
		this(FailureKind.INTERNAL, message, null);
	}

	/**
	 * Creates a failure of kind {@link FailureKind#INTERNAL}.
	 * @param message the message, without secrets
	 * @param cause the cause, if any
	 */
	public AltsCodexException(String message, @Nullable Throwable cause) {
		this(FailureKind.INTERNAL, message, cause);
	}

	/**
	 * Creates a failure of a kind.
	 * @param kind the kind
	 * @param message the message, without secrets
	 * @param cause the cause, if any
	 */
	public AltsCodexException(FailureKind kind, String message, @Nullable Throwable cause) {
		this(kind, message, cause, true);
	}

	/**
	 * Creates a failure of a kind, with or without a stack trace: a failure that a flood
	 * makes thousands of times a second and whose stack says nothing (a refusal at a
	 * bound) leaves it out, as Netty does for its own.
	 * @param kind the kind
	 * @param message the message, without secrets
	 * @param cause the cause, if any
	 * @param writableStackTrace whether to fill in the stack trace
	 */
	protected AltsCodexException(FailureKind kind, String message, @Nullable Throwable cause,
			boolean writableStackTrace) {
		super(message, cause, true, writableStackTrace);
		Assert.notNull(kind, "kind cannot be null");
		this.kind = kind;
	}

	/**
	 * What kind of failure this is.
	 */
	public FailureKind getKind() {
		return this.kind;
	}

	/**
	 * The error code DeOAuth gave for this failure, such as {@code EXPIRED_TOKEN}, when
	 * it is one that may be shown to the browser: upper-case letters, digits and
	 * {@code _}, at most 64 characters. Anything else DeOAuth sent stays on the server.
	 * @return the code, or {@code null}
	 */
	public @Nullable String getErrorCode() {
		return null;
	}

	/**
	 * The code if it looks like an error code and not like anything else (a one-time
	 * authorization code, free text, markup).
	 * @param code a code from DeOAuth
	 * @return the code, or {@code null}
	 */
	protected static @Nullable String safeErrorCode(@Nullable String code) {
		return (code != null && SAFE_ERROR_CODE.matcher(code).matches()) ? code : null;
	}

}
