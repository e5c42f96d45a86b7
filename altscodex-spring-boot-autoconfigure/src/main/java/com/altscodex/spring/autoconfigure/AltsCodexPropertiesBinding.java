package com.altscodex.spring.autoconfigure;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Binds {@link AltsCodexProperties} straight from the environment, for the places that
 * run before configuration-properties beans exist (conditions and bean registration).
 */
final class AltsCodexPropertiesBinding {

	private AltsCodexPropertiesBinding() {
	}

	static AltsCodexProperties bind(Environment environment) {
		return Binder.get(environment).bind("altscodex", AltsCodexProperties.class).orElseGet(AltsCodexProperties::new);
	}

}
