/**
 * Pending logins shared by several instances of an application through Redis: a callback
 * that lands on any instance is claimed there, once for the cluster, and forwarded to
 * the instance whose login owns its state.
 */
@NullMarked
package com.altscodex.spring.client.pending.redis;

import org.jspecify.annotations.NullMarked;
