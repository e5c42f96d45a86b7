package com.altscodex.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidAltsCodexPropertyException} in the start-up failure report.
 */
class InvalidAltsCodexPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidAltsCodexPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidAltsCodexPropertyException cause) {
		return new FailureAnalysis("Invalid AltsCodex configuration: " + cause.getMessage() + " (property '"
				+ cause.getProperty() + "')", cause.getAction(), cause);
	}

}
