/**
 * Auto-configuration of AltsCodex sign-in on Spring Security (WebFlux).
 */
@NullMarked
package com.altscodex.spring.autoconfigure.security;

import org.jspecify.annotations.NullMarked;
