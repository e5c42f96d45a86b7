/**
 * Token caches of several instances kept in step over Redis pub/sub:
 * {@link com.altscodex.spring.pat.redis.RedisPersonalAccessTokenCacheInvalidator}.
 */
@NullMarked
package com.altscodex.spring.pat.redis;

import org.jspecify.annotations.NullMarked;
