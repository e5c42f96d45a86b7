package com.altscodex.sample;

import java.util.List;

/**
 * Some AltsCodex client settings are given but not all that a real DeOAuth needs: the
 * sample can neither sign in against AltsCodex nor start its simulator, which runs only
 * when no client setting is given and never replaces one. Carries the missing
 * properties, the description and the fix for the start-up failure report.
 *
 * @see IncompleteClientSettingsFailureAnalyzer
 */
public class IncompleteClientSettingsException extends RuntimeException {

	private final List<String> missingProperties;

	private final String description;

	private final String action;

	IncompleteClientSettingsException(List<String> missingProperties, String description, String action) {
		super(description + " " + action);
		this.missingProperties = List.copyOf(missingProperties);
		this.description = description;
		this.action = action;
	}

	/**
	 * The canonical names of the missing properties, such as
	 * {@code altscodex.auth-server-url}.
	 * @return the names, in the order a user would set them
	 */
	public List<String> getMissingProperties() {
		return this.missingProperties;
	}

	/**
	 * What is given and what is missing, naming each setting as the user spelled it.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * What to set for a real AltsCodex account, or what to unset for the simulator.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
