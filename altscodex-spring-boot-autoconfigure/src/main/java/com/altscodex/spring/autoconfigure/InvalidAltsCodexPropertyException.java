package com.altscodex.spring.autoconfigure;

/**
 * An {@code altscodex.*} property is missing or malformed. Carries the property's name
 * and how to fix it, for the start-up failure report.
 */
public class InvalidAltsCodexPropertyException extends RuntimeException {

	private final String property;

	private final String action;

	public InvalidAltsCodexPropertyException(String property, String description, String action) {
		super(description);
		this.property = property;
		this.action = action;
	}

	/**
	 * The full name of the offending property, such as
	 * {@code altscodex.clients.shop.client-secret}.
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * What to do about it.
	 */
	public String getAction() {
		return this.action;
	}

}
