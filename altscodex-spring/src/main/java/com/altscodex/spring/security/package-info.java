/**
 * Sign-in with AltsCodex on Spring Security (WebFlux), built from Spring Security's own
 * strategies: converters turn a {@code POST /login} JWT or a redirect's return into an
 * {@link com.altscodex.spring.security.AltsCodexLoginAuthenticationToken}, the
 * {@link com.altscodex.spring.security.AltsCodexReactiveAuthenticationManager} signs in
 * with the {@link com.altscodex.spring.client.AltsCodexClient}, the
 * {@link com.altscodex.spring.security.AltsCodexUserService} maps the slot to the
 * application's user, and the handlers answer the browser. The DeOAuth tokens stay on the
 * server ({@link com.altscodex.spring.security.ServerAltsCodexAuthorizedClientRepository}).
 * {@link com.altscodex.spring.security.AltsCodexLoginConfigurer} applies it all to a
 * {@code ServerHttpSecurity}.
 */
@NullMarked
package com.altscodex.spring.security;

import org.jspecify.annotations.NullMarked;
