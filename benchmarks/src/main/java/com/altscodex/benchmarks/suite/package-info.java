/**
 * The orchestrator: starts every process, runs each benchmark, samples CPU time from /proc and writes the report.
 */
@NullMarked
package com.altscodex.benchmarks.suite;

import org.jspecify.annotations.NullMarked;
