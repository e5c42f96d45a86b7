/**
 * Micrometer metrics of the AltsCodex clients and their auto-configuration.
 */
@NullMarked
package com.altscodex.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
