/**
 * Spring Boot auto-configuration for the AltsCodex DeOAuth client.
 */
@NullMarked
package com.altscodex.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
