/**
 * The DeOAuth simulator run as a process of its own, with pre-issued JWTs.
 */
@NullMarked
package com.altscodex.benchmarks.simulator;

import org.jspecify.annotations.NullMarked;
