/**
 * The ceiling: the same login flow on Spring Boot WebFlux without the starter, with a bare WebClient.
 */
@NullMarked
package com.altscodex.benchmarks.bare;

import org.jspecify.annotations.NullMarked;
