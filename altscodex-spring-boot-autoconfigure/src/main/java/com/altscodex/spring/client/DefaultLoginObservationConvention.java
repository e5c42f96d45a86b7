package com.altscodex.spring.client;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import org.springframework.util.Assert;

import com.altscodex.spring.client.AltsCodexObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default {@link LoginObservationConvention}: {@code altscodex.login}, tagged with
 * the client's registration name and, once the login has ended, its outcome.
 */
public class DefaultLoginObservationConvention implements LoginObservationConvention {

	/** The default observation name. */
	public static final String DEFAULT_NAME = "altscodex.login";

	private static final KeyValue[] OUTCOMES = outcomeKeyValues();

	private final String name;

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
		Assert.hasText(name, "name must not be empty");
		this.name = name;
	}

	private static KeyValue[] outcomeKeyValues() {
		LoginOutcome[] outcomes = LoginOutcome.values();
		KeyValue[] keyValues = new KeyValue[outcomes.length];
		for (LoginOutcome outcome : outcomes) {
			keyValues[outcome.ordinal()] = KeyValue.of(LowCardinalityKeyNames.OUTCOME, outcome.value());
		}
		return keyValues;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getContextualName(LoginObservationContext context) {
		return "altscodex login";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(LoginObservationContext context) {
		// the outcome is known once the login has ended, when the observation stops
		return (context.getOutcome() != null) ? KeyValues.of(client(context), outcome(context))
				: KeyValues.of(client(context));
	}

	/**
	 * The {@code client} key value: the registration name.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue client(LoginObservationContext context) {
		return KeyValue.of(LowCardinalityKeyNames.CLIENT, context.getRegistration().getName());
	}

	/**
	 * The {@code outcome} key value of a login that has ended.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue outcome(LoginObservationContext context) {
		LoginOutcome outcome = context.getOutcome();
		Assert.state(outcome != null, "The login has not ended");
		return OUTCOMES[outcome.ordinal()];
	}

}
