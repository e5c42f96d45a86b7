/**
 * The HTTP endpoints through which an administrator manages roles, grants and
 * assignments, and reads the audit log.
 */
@NullMarked
package com.altscodex.spring.rbac.web;

import org.jspecify.annotations.NullMarked;
