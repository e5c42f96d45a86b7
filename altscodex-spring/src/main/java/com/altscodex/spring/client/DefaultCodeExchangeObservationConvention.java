package com.altscodex.spring.client;

/**
 * The default {@link CodeExchangeObservationConvention}: {@code altscodex.code.exchange}, tagged with the client's registration name and,
 * once the code exchange has ended, its outcome.
 */
public class DefaultCodeExchangeObservationConvention extends AbstractClientObservationConvention<CodeExchangeObservationContext> implements CodeExchangeObservationConvention {

	/** The default observation name. */
	public static final String DEFAULT_NAME = "altscodex.code.exchange";

	/**
	 * Creates the convention with the {@linkplain #DEFAULT_NAME default name}.
	 */
	public DefaultCodeExchangeObservationConvention() {
		this(DEFAULT_NAME);
	}

	/**
	 * Creates the convention with a name of its own.
	 * @param name the observation name
	 */
	public DefaultCodeExchangeObservationConvention(String name) {
		super(name, "altscodex code exchange");
	}

}
