package com.altscodex.benchmarks.server;

import org.jspecify.annotations.Nullable;

/**
 * The answer of both apps to a successful {@code POST /login}: the user's slot id, which
 * the load generator checks against the JWT's user.
 *
 * @param id the slot id
 */
public record LoginAnswer(@Nullable String id) {
}
