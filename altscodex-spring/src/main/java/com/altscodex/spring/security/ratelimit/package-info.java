/**
 * Per-client-address limits on sign-in attempts, answered {@code 429} with
 * {@code Retry-After} before anything is sent to DeOAuth: the
 * {@link com.altscodex.spring.security.ratelimit.SignInRateLimiter} SPI, its in-memory
 * Bucket4j implementation, and the web filter that applies it.
 */
@NullMarked
package com.altscodex.spring.security.ratelimit;

import org.jspecify.annotations.NullMarked;
