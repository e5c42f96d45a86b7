/**
 * JMH microbenchmarks of the starter's hot paths.
 */
@NullMarked
package com.altscodex.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
