package com.altscodex.spring.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code altscodex.*} properties configure at least one client, even
 * partly (a partial configuration must fail start-up with an explanation, not be
 * ignored). It looks for the properties' names only: binding them is left to
 * {@link AltsCodexPropertiesRegistrar}, once.
 */
public class OnAltsCodexClientCondition extends SpringBootCondition {

	private static final List<ConfigurationPropertyName> TOP_LEVEL_CLIENT = List.of(
			ConfigurationPropertyName.of("altscodex.client-id"),
			ConfigurationPropertyName.of("altscodex.client-secret"),
			ConfigurationPropertyName.of("altscodex.redirect-uri"));

	private static final ConfigurationPropertyName CLIENTS = ConfigurationPropertyName.of("altscodex.clients");

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("AltsCodex client");
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(context.getEnvironment())) {
			if (configuresClient(source)) {
				return ConditionOutcome.match(message.found("client configuration").items("altscodex.*"));
			}
		}
		return ConditionOutcome.noMatch(message.didNotFind("client configuration")
			.items("altscodex.client-id", "altscodex.clients.*"));
	}

	private static boolean configuresClient(ConfigurationPropertySource source) {
		for (ConfigurationPropertyName name : TOP_LEVEL_CLIENT) {
			if (source.getConfigurationProperty(name) != null) {
				return true;
			}
		}
		return source.containsDescendantOf(CLIENTS) == ConfigurationPropertyState.PRESENT;
	}

}
