package com.altscodex.spring.autoconfigure;

import com.altscodex.spring.client.DefaultAltsCodexClient;

/**
 * Customizes each auto-configured client before it is built, for example to give one
 * client other HTTP settings. Beans of this type are applied in order. (To keep pending
 * logins elsewhere, define a
 * {@link com.altscodex.spring.client.pending.PendingLoginRegistry} bean instead: the
 * callback endpoint delivers to it too.)
 */
@FunctionalInterface
public interface AltsCodexClientBuilderCustomizer {

	/**
	 * Customizes the builder of one client; {@link DefaultAltsCodexClient.Builder#registration()}
	 * tells which.
	 * @param builder the builder
	 */
	void customize(DefaultAltsCodexClient.Builder builder);

}
