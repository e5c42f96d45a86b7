/**
 * The R2DBC store of personal access tokens:
 * {@link com.altscodex.spring.pat.r2dbc.R2dbcPersonalAccessTokenService}, with its schema
 * for H2, PostgreSQL and MariaDB next to it
 * ({@link com.altscodex.spring.pat.r2dbc.R2dbcPersonalAccessTokenService#SCHEMA_LOCATION_PATTERN}).
 */
@NullMarked
package com.altscodex.spring.pat.r2dbc;

import org.jspecify.annotations.NullMarked;
