/**
 * The Redis servers tests run against: the machine's, one in a container, or one a test
 * starts, stops and restarts itself.
 */
package com.altscodex.spring.testsupport.redis;
