/**
 * Auto-configuration of what several instances share on Redis: pending logins, and the
 * store choice every other cluster-wide feature follows.
 */
@NullMarked
package com.altscodex.spring.autoconfigure.redis;

import org.jspecify.annotations.NullMarked;
