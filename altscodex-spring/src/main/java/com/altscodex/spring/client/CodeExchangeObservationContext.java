package com.altscodex.spring.client;

/**
 * Context of the {@code altscodex.code.exchange} observation: one exchange of a code
 * for the slot info ({@code get_token}), after a callback or in the redirect flow.
 *
 * @see AltsCodexObservationDocumentation#CODE_EXCHANGE
 */
public final class CodeExchangeObservationContext extends AltsCodexClientObservationContext {

	/**
	 * Creates a context for a code exchange of the client of a registration.
	 * @param registration the client's registration
	 */
	public CodeExchangeObservationContext(ClientRegistration registration) {
		super(registration);
	}

}
