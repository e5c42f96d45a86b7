/**
 * Test support for applications that sign in with AltsCodex:
 * {@link com.altscodex.spring.test.AutoConfigureDeOAuthSimulator @AutoConfigureDeOAuthSimulator}
 * runs a DeOAuth simulator for a {@code @SpringBootTest} and points the application at it.
 */
@NullMarked
package com.altscodex.spring.test;

import org.jspecify.annotations.NullMarked;
