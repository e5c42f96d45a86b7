package com.altscodex.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code altscodex.*} properties configure at least one client, even
 * partly (a partial configuration must fail start-up with an explanation, not be
 * ignored).
 */
class OnAltsCodexClientCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("AltsCodex client");
		AltsCodexProperties properties = AltsCodexPropertiesBinding.bind(context.getEnvironment());
		if (ClientRegistrationMapper.hasAnyClient(properties)) {
			return ConditionOutcome.match(message.found("client configuration").items("altscodex.*"));
		}
		return ConditionOutcome.noMatch(message.didNotFind("client configuration")
			.items("altscodex.client-id", "altscodex.clients.*"));
	}

}
