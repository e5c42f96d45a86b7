/**
 * A WebFlux application that signs users in with AltsCodex DeOAuth: a front page that
 * signs in through the AltsCodex login popup or in the same window, keeps the session
 * and signs out, on the sign-in the starter adds to Spring Security; with the starter's
 * roles, permissions and personal access tokens, reports for readers, tokens for scripts
 * and an admin page.
 */
@NullMarked
package com.altscodex.sample;

import org.jspecify.annotations.NullMarked;
