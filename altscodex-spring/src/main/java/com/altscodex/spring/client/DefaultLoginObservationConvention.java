package com.altscodex.spring.client;

/**
 * The default {@link LoginObservationConvention}: {@code altscodex.login}, tagged with the client's registration name and,
 * once the login has ended, its outcome.
 */
public class DefaultLoginObservationConvention extends AbstractClientObservationConvention<LoginObservationContext> implements LoginObservationConvention {

	/** The default observation name. */
	public static final String DEFAULT_NAME = "altscodex.login";

	/**
	 * Creates the convention with the {@linkplain #DEFAULT_NAME default name}.
	 */
	public DefaultLoginObservationConvention() {
		this(DEFAULT_NAME);
	}

	/**
	 * Creates the convention with a name of its own.
	 * @param name the observation name
	 */
	public DefaultLoginObservationConvention(String name) {
		super(name, "altscodex login");
	}

}
