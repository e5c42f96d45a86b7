package com.altscodex.spring.test;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;

/**
 * Before each test method of a class with
 * {@link AutoConfigureDeOAuthSimulator#resetBetweenTests() resetBetweenTests} (the
 * default), resets the knobs of the context's DeOAuth simulator and forgets its recorded
 * requests and callbacks. Runs before {@code @BeforeEach} methods, so that they can set
 * knobs for their test.
 */
final class DeOAuthSimulatorResetTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		AutoConfigureDeOAuthSimulator annotation = TestContextAnnotationUtils
			.findMergedAnnotation(testContext.getTestClass(), AutoConfigureDeOAuthSimulator.class);
		if (annotation == null || !annotation.resetBetweenTests() || !testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		if (context.containsBean(DeOAuthSimulatorRegistrar.BEAN_NAME)) {
			DeOAuthSimulator simulator = context.getBean(DeOAuthSimulatorRegistrar.BEAN_NAME, DeOAuthSimulator.class);
			simulator.behavior().reset();
			simulator.clearRequests();
			simulator.clearCallbacks();
		}
	}

}
