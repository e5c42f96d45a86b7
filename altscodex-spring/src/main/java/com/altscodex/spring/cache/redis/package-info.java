/**
 * What the caches of several instances share on Redis: a pub/sub channel over which each
 * instance tells the others what its changes touched
 * ({@link com.altscodex.spring.cache.redis.RedisCacheInvalidationChannel}). Knows no cache
 * of its own: the role and token packages say what a message means.
 */
@NullMarked
package com.altscodex.spring.cache.redis;

import org.jspecify.annotations.NullMarked;
