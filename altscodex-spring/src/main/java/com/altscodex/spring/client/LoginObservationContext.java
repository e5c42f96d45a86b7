package com.altscodex.spring.client;

/**
 * Context of the {@code altscodex.login} observation: one sign-in with a browser JWT,
 * from the registration of its pending entry to the slot info or the failure.
 *
 * @see AltsCodexObservationDocumentation#LOGIN
 */
public final class LoginObservationContext extends AltsCodexClientObservationContext {

	/**
	 * Creates a context for a login of the client of a registration.
	 * @param registration the client's registration
	 */
	public LoginObservationContext(ClientRegistration registration) {
		super(registration);
	}

}
