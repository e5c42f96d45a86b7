/**
 * Footprint of the pending-login registry alone, measured in a JVM of its own.
 */
@NullMarked
package com.altscodex.benchmarks.memory;

import org.jspecify.annotations.NullMarked;
