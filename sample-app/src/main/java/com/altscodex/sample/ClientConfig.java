package com.altscodex.sample;

import com.altscodex.spring.client.ClientRegistration;

/**
 * What the front page needs to open the AltsCodex login popup. Public values only: the
 * client secret stays on the server.
 *
 * @param platformUrl base URL of the AltsCodex platform that serves the login page
 * @param clientId the client id
 * @param redirectUri the redirect URI registered for the client
 */
record ClientConfig(String platformUrl, String clientId, String redirectUri) {

	static ClientConfig of(ClientRegistration registration) {
		return new ClientConfig(registration.getPlatformUrl(), registration.getClientId(),
				registration.getRedirectUri());
	}

}
