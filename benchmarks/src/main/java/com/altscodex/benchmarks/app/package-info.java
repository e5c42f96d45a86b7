/**
 * The app under test: a minimal Spring Boot WebFlux app on the AltsCodex starter.
 */
@NullMarked
package com.altscodex.benchmarks.app;

import org.jspecify.annotations.NullMarked;
