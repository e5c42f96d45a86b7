package com.altscodex.spring.security;

import java.io.Serial;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.AuthenticationException;
import org.springframework.util.Assert;

import com.altscodex.spring.client.AltsCodexException;
import com.altscodex.spring.client.FailureKind;

/**
 * A sign-in that failed, as Spring Security sees it: its {@link FailureKind} says how to
 * answer it. The message is the kind's title, and the detail is either the kind's or our
 * own words about the request; neither ever holds input or anything DeOAuth sent.
 * <p>
 * It fills no stack trace of its own (a flood of malformed sign-ins raises one per
 * request, always in the same place); a failure of the client is kept as its cause.
 */
public class AltsCodexAuthenticationException extends AuthenticationException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final FailureKind kind;

	private final @Nullable String detail;

	private final @Nullable String errorCode;

	/**
	 * A failure of a kind, answered with the kind's detail.
	 * @param kind the kind
	 */
	public AltsCodexAuthenticationException(FailureKind kind) {
		this(kind, null, null, null);
	}

	/**
	 * A failure of a kind, answered with a detail of our own.
	 * @param kind the kind
	 * @param detail what was wrong, for the caller; never the input itself
	 */
	public AltsCodexAuthenticationException(FailureKind kind, String detail) {
		this(kind, detail, null, null);
	}

	/**
	 * A failure of a kind with its cause, answered with the kind's detail. The cause is
	 * for the logs; nothing of it reaches the caller.
	 * @param kind the kind
	 * @param cause the cause
	 */
	public AltsCodexAuthenticationException(FailureKind kind, Throwable cause) {
		this(kind, null, null, cause);
	}

	private AltsCodexAuthenticationException(FailureKind kind, @Nullable String detail, @Nullable String errorCode,
			@Nullable Throwable cause) {
		super(kind.title(), cause);
		Assert.notNull(kind, "kind cannot be null");
		this.kind = kind;
		this.detail = detail;
		this.errorCode = errorCode;
	}

	/**
	 * The failure of the client, as an authentication failure of the same kind.
	 * @param failure the client's failure
	 * @return the authentication failure
	 */
	public static AltsCodexAuthenticationException of(AltsCodexException failure) {
		return new AltsCodexAuthenticationException(failure.getKind(), null, failure.getErrorCode(), failure);
	}

	/**
	 * How to answer this failure.
	 */
	public FailureKind getKind() {
		return this.kind;
	}

	/**
	 * The problem's detail: our own words about the request, else the kind's.
	 */
	public String getDetail() {
		return (this.detail != null) ? this.detail : this.kind.detail();
	}

	/**
	 * DeOAuth's error code, when it is one that may be shown.
	 */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

	/**
	 * How long to ask the caller to wait, or {@code null}.
	 */
	public @Nullable Duration getRetryAfter() {
		return this.kind.retryAfter();
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
