/**
 * The sign-in rate limit shared by every instance of an application: token buckets in
 * Redis, with Bucket4j on Lettuce.
 */
@NullMarked
package com.altscodex.spring.security.ratelimit.redis;

import org.jspecify.annotations.NullMarked;
