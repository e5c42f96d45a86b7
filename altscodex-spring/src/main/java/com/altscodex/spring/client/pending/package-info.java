/**
 * Logins waiting for their DeOAuth callback, keyed by {@code state}: the registry SPI
 * through which the callback endpoint delivers each callback, exactly once, to the login
 * that owns its state, and its in-memory implementation.
 */
@NullMarked
package com.altscodex.spring.client.pending;

import org.jspecify.annotations.NullMarked;
