/**
 * Auto-configuration of roles, permissions and personal access tokens on R2DBC: the
 * stores and their schema, the caches, declared roles, wildcard-aware method security,
 * and their endpoints.
 */
@NullMarked
package com.altscodex.spring.autoconfigure.rbac;

import org.jspecify.annotations.NullMarked;
