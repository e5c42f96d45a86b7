package com.altscodex.spring.client.pending;

import org.jspecify.annotations.Nullable;

/**
 * The first characters of a state: enough to follow a login through the logs, not
 * enough to forge its callback. Every log line and {@code toString()} that names a state
 * names it this way.
 */
public final class StateAbbreviation {

	private static final int VISIBLE = 6;

	private StateAbbreviation() {
	}

	/**
	 * The abbreviation of a state.
	 * @param state the state, or {@code null}
	 * @return its first characters followed by an ellipsis, or the state itself when
	 * it is that short
	 */
	public static @Nullable String of(@Nullable String state) {
		if (state == null || state.length() <= VISIBLE) {
			return state;
		}
		return state.substring(0, VISIBLE) + "…";
	}

}
