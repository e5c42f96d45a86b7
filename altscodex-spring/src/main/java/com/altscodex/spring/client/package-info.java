/**
 * The reactive AltsCodex DeOAuth client: sign-in with a browser JWT, code exchange,
 * token refresh and logout, as the DeOAuth wire contract describes.
 */
@NullMarked
package com.altscodex.spring.client;

import org.jspecify.annotations.NullMarked;
