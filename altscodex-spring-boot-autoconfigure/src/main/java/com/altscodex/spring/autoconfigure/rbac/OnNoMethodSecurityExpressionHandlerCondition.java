package com.altscodex.spring.autoconfigure.rbac;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;

/**
 * Matches when the application defines no {@link MethodSecurityExpressionHandler} of its
 * own. Spring Security's {@code @EnableReactiveMethodSecurity} declares a default one as a
 * {@code @Fallback} bean, for any other to replace: that one does not count, where
 * {@code @ConditionalOnMissingBean} would count it and back off.
 */
class OnNoMethodSecurityExpressionHandlerCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		if (beanFactory == null) {
			return ConditionOutcome.match("no bean factory");
		}
		for (String name : beanFactory.getBeanNamesForType(MethodSecurityExpressionHandler.class, true, false)) {
			if (!beanFactory.containsBeanDefinition(name) || !beanFactory.getBeanDefinition(name).isFallback()) {
				return ConditionOutcome.noMatch("the application's MethodSecurityExpressionHandler '" + name + "'");
			}
		}
		return ConditionOutcome.match("no MethodSecurityExpressionHandler but Spring Security's fallback");
	}

}
