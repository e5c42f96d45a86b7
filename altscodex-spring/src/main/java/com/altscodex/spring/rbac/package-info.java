/**
 * Roles and permissions for users signed in with AltsCodex: roles hold permissions such
 * as {@code reports:read} and may include other roles; users (by slot id) are assigned
 * roles; wildcards in the {@code domain:action} style ({@code reports:*}, {@code *})
 * imply the permissions they cover. {@link com.altscodex.spring.rbac.ReactiveRoleService}
 * changes and reads them, recording every change in an audit log;
 * {@link com.altscodex.spring.rbac.CachingReactiveRoleService} keeps users' effective
 * authorizations for a short time, forgetting them at once when this instance changes
 * them. In Spring Security a user holds {@code ROLE_<role>} for each effective role and
 * each effective permission as an authority;
 * {@link com.altscodex.spring.rbac.PermissionAuthorizationManagerFactory} makes
 * {@code hasAuthority('reports:read')} honour wildcards.
 */
@NullMarked
package com.altscodex.spring.rbac;

import org.jspecify.annotations.NullMarked;
