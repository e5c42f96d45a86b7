/**
 * Spring Boot Actuator support for the AltsCodex clients: the {@code altscodex} health
 * contributor and actuator endpoint, and their auto-configurations.
 */
@NullMarked
package com.altscodex.spring.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
