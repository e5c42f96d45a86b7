package com.altscodex.spring.client;

import org.jspecify.annotations.Nullable;

/**
 * DeOAuth answered {@code authorize} with {@code "success": false}, for example with
 * code {@code EXPIRED_TOKEN} when the browser's JWT has expired.
 */
public class AuthorizeFailedException extends AltsCodexException {

	/** The code DeOAuth uses for an expired JWT. */
	public static final String EXPIRED_TOKEN = "EXPIRED_TOKEN";

	private final @Nullable String code;

	private final @Nullable String msg;

	public AuthorizeFailedException(@Nullable String code, @Nullable String msg) {
		super(EXPIRED_TOKEN.equals(code) ? FailureKind.EXPIRED_TOKEN : FailureKind.AUTHORIZE_FAILED,
				"DeOAuth refused to authorize: " + (code != null ? code : "no code")
						+ ((msg != null) ? " (" + msg + ")" : ""),
				null);
		this.code = code;
		this.msg = msg;
	}

	/**
	 * The failure code, such as {@code EXPIRED_TOKEN} or {@code AUTHORIZE_ERROR}.
	 */
	public @Nullable String getCode() {
		return this.code;
	}

	/**
	 * The human-readable message DeOAuth sent with the code.
	 */
	public @Nullable String getMsg() {
		return this.msg;
	}

	@Override
	public @Nullable String getErrorCode() {
		return safeErrorCode(this.code);
	}

	/**
	 * Whether the failure is an expired JWT: the user has to sign in again.
	 */
	public boolean isExpiredToken() {
		return EXPIRED_TOKEN.equals(this.code);
	}

}
