/**
 * Logins waiting for their DeOAuth callback, keyed by {@code state}.
 */
@NullMarked
package com.altscodex.spring.client.pending;

import org.jspecify.annotations.NullMarked;
