package com.altscodex.spring.rbac;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

import com.altscodex.spring.client.AltsCodexException;
import com.altscodex.spring.client.FailureKind;

/**
 * A role, permission or token name outside its length or character set.
 */
public class InvalidNameException extends AltsCodexException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates the failure.
	 * @param what what the name names, such as {@code permission}
	 * @param value the name refused; shown only when it is short and printable
	 */
	public InvalidNameException(String what, @Nullable String value) {
		super(FailureKind.INVALID_NAME, "Invalid " + what + describe(value), null);
	}

	private static String describe(@Nullable String value) {
		if (value == null) {
			return ": none";
		}
		if (value.length() > 100 || !value.chars().allMatch((c) -> c >= 0x20 && c < 0x7f)) {
			return " (" + value.length() + " characters)";
		}
		return " '" + value + "'";
	}

}
