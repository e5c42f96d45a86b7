/**
 * What the sample needs to run as a cluster (the {@code cluster} profile,
 * {@code cluster/README.md}): the DeOAuth simulator as a process that every instance
 * shares, and a response header naming the instance that answered.
 */
@NullMarked
package com.altscodex.sample.cluster;

import org.jspecify.annotations.NullMarked;
