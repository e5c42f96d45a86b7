package com.altscodex.spring.autoconfigure.redis;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition behind {@link ConditionalOnRedisStore}.
 */
class OnRedisStoreCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRedisStore.class.getName());
		String property = (String) attributes.get("value");
		String store = AltsCodexStores.store(context.getEnvironment(), property);
		return AltsCodexStores.REDIS.equals(store)
				? ConditionOutcome.match(property + " (or " + AltsCodexStores.PENDING_STORE_PROPERTY + ") is redis")
				: ConditionOutcome.noMatch(property + " (or " + AltsCodexStores.PENDING_STORE_PROPERTY + ") is memory");
	}

}
