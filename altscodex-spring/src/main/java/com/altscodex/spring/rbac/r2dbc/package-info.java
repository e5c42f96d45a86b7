/**
 * The R2DBC store of roles, permissions, assignments and the audit log:
 * {@link com.altscodex.spring.rbac.r2dbc.R2dbcRoleService}, with its schema for H2,
 * PostgreSQL and MariaDB next to it
 * ({@link com.altscodex.spring.rbac.r2dbc.R2dbcRoleService#SCHEMA_LOCATION_PATTERN}).
 */
@NullMarked
package com.altscodex.spring.rbac.r2dbc;

import org.jspecify.annotations.NullMarked;
