package com.altscodex.spring.client;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import org.springframework.util.Assert;

import com.altscodex.spring.client.AltsCodexObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default {@link CodeExchangeObservationConvention}: {@code altscodex.code.exchange}, tagged with
 * the client's registration name and, once the exchange has ended, its outcome.
 */
public class DefaultCodeExchangeObservationConvention implements CodeExchangeObservationConvention {

	/** The default observation name. */
	public static final String DEFAULT_NAME = "altscodex.code.exchange";

	private static final KeyValue[] OUTCOMES = outcomeKeyValues();

	private final String name;

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
	public String getContextualName(CodeExchangeObservationContext context) {
		return "altscodex code exchange";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(CodeExchangeObservationContext context) {
		// the outcome is known once the exchange has ended, when the observation stops
		return (context.getOutcome() != null) ? KeyValues.of(client(context), outcome(context))
				: KeyValues.of(client(context));
	}

	/**
	 * The {@code client} key value: the registration name.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue client(CodeExchangeObservationContext context) {
		return KeyValue.of(LowCardinalityKeyNames.CLIENT, context.getRegistration().getName());
	}

	/**
	 * The {@code outcome} key value of an exchange that has ended.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue outcome(CodeExchangeObservationContext context) {
		LoginOutcome outcome = context.getOutcome();
		Assert.state(outcome != null, "The code exchange has not ended");
		return OUTCOMES[outcome.ordinal()];
	}

}
