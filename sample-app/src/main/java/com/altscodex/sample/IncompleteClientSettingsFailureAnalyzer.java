package com.altscodex.sample;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link IncompleteClientSettingsException} in the start-up failure report.
 * Registered in {@code META-INF/spring.factories}.
 */
class IncompleteClientSettingsFailureAnalyzer extends AbstractFailureAnalyzer<IncompleteClientSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, IncompleteClientSettingsException cause) {
		return new FailureAnalysis(cause.getDescription(), cause.getAction(), cause);
	}

}
