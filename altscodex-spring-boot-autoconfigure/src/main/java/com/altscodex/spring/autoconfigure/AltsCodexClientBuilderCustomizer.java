package com.altscodex.spring.autoconfigure;

import com.altscodex.spring.client.DefaultAltsCodexClient;

/**
 * Customizes each auto-configured client before it is built, for example to supply
 * another pending-login registry. Beans of this type are applied in order.
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
