package com.altscodex.spring.test;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives an application context its DeOAuth simulator, through a
 * {@link DeOAuthSimulatorRegistrar} that does the work when the context refreshes.
 * <p>
 * Part of the context cache key: contexts whose tests ask for the same client id and
 * callback path (and are equal otherwise) are shared, with their simulator.
 */
final class DeOAuthSimulatorContextCustomizer implements ContextCustomizer {

	private final String clientId;

	private final String callbackPath;

	DeOAuthSimulatorContextCustomizer(String clientId, String callbackPath) {
		this.clientId = clientId;
		this.callbackPath = callbackPath;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		context.addBeanFactoryPostProcessor(
				new DeOAuthSimulatorRegistrar(context.getEnvironment(), this.clientId, this.callbackPath));
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof DeOAuthSimulatorContextCustomizer that
				&& this.clientId.equals(that.clientId) && this.callbackPath.equals(that.callbackPath));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.clientId, this.callbackPath);
	}

	@Override
	public String toString() {
		return "DeOAuthSimulatorContextCustomizer[clientId=" + this.clientId + ", callbackPath=" + this.callbackPath
				+ "]";
	}

}
