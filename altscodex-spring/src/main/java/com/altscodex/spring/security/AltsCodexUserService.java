package com.altscodex.spring.security;

import reactor.core.publisher.Mono;

/**
 * Makes the application's user out of a slot at sign-in, like Spring Security's
 * {@code ReactiveOAuth2UserService}: for example, finds or creates the application's row
 * keyed by the slot id, and decides the user's authorities. The default,
 * {@link DefaultAltsCodexUserService}, takes the slot as it is with {@code ROLE_USER}.
 * <p>
 * An error fails the sign-in: an {@link AltsCodexAuthenticationException} is answered as
 * its kind says, anything else as an internal failure. An empty result fails it too.
 */
@FunctionalInterface
public interface AltsCodexUserService {

	/**
	 * The user who signed in.
	 * @param request the slot and the client registration
	 * @return the user; its name must be the slot id
	 */
	Mono<AltsCodexUser> loadUser(AltsCodexUserRequest request);

}
