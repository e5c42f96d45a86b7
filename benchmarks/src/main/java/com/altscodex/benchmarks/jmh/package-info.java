/**
 * JMH microbenchmarks of the starter's hot paths (StateGeneratorBenchmark lives in the starter's package, because the class it measures is package-private).
 */
@NullMarked
package com.altscodex.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
