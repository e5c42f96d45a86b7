package com.altscodex.spring.client;

import org.jspecify.annotations.Nullable;

/**
 * The first characters of a state: enough to follow a login through the logs, not
 * enough to forge its callback.
 */
final class StateAbbreviation {

	private static final int VISIBLE = 6;

	private StateAbbreviation() {
	}

	static @Nullable String of(@Nullable String state) {
		if (state == null || state.length() <= VISIBLE) {
			return state;
		}
		return state.substring(0, VISIBLE) + "…";
	}

}
