/**
 * A WebFlux application that signs users in with AltsCodex DeOAuth: a front page that
 * signs in through the AltsCodex login popup or in the same window, keeps the session
 * and signs out, on the sign-in the starter adds to Spring Security.
 */
@NullMarked
package com.altscodex.sample;

import org.jspecify.annotations.NullMarked;
