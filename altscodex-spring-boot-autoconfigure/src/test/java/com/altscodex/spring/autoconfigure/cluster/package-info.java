/**
 * Tests of several instances of one application on Redis.
 */
package com.altscodex.spring.autoconfigure.cluster;
