/**
 * The load generator: closed-loop users, held logins, bursts and floods against an app, in a process of its own.
 */
@NullMarked
package com.altscodex.benchmarks.load;

import org.jspecify.annotations.NullMarked;
