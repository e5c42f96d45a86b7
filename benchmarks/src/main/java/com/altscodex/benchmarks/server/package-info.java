/**
 * The parts the two apps under load share: the bench control endpoints, the HTTP/2 stream limit, the timing of one status's answers inside the app, the start-up variants (observed, plain) and the readiness signal.
 */
@NullMarked
package com.altscodex.benchmarks.server;

import org.jspecify.annotations.NullMarked;
