/**
 * Role caches of several instances kept in step over Redis pub/sub:
 * {@link com.altscodex.spring.rbac.redis.RedisRbacCacheInvalidator}.
 */
@NullMarked
package com.altscodex.spring.rbac.redis;

import org.jspecify.annotations.NullMarked;
