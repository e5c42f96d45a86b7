/**
 * A WebFlux application that signs users in with AltsCodex DeOAuth: a front page that
 * opens the AltsCodex login popup, and a {@code POST /login} endpoint that turns the
 * popup's JWT into the user's slot info.
 */
@NullMarked
package com.altscodex.sample;

import org.jspecify.annotations.NullMarked;
