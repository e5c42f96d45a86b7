package com.altscodex.spring.client;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationConvention;

import org.springframework.util.Assert;

import com.altscodex.spring.client.AltsCodexObservationDocumentation.LowCardinalityKeyNames;

/**
 * What the default conventions of the client's own observations share: a name, a
 * contextual name, and the tags {@code client} (the registration name) and, once the
 * call has ended, {@code outcome}.
 *
 * @param <C> the observation context
 * @see DefaultLoginObservationConvention
 * @see DefaultCodeExchangeObservationConvention
 */
public abstract class AbstractClientObservationConvention<C extends AltsCodexClientObservationContext>
		implements ObservationConvention<C> {

	private static final KeyValue[] OUTCOMES = outcomeKeyValues();

	private final String name;

	private final String contextualName;

	/**
	 * Creates the convention.
	 * @param name the observation name
	 * @param contextualName the contextual name (a span's name)
	 */
	protected AbstractClientObservationConvention(String name, String contextualName) {
		Assert.hasText(name, "name must not be empty");
		Assert.hasText(contextualName, "contextualName must not be empty");
		this.name = name;
		this.contextualName = contextualName;
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
	public String getContextualName(C context) {
		return this.contextualName;
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(C context) {
		// the outcome is known once the call has ended, when the observation stops
		return (context.getOutcome() != null) ? KeyValues.of(client(context), outcome(context))
				: KeyValues.of(client(context));
	}

	/**
	 * The {@code client} key value: the registration name.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue client(C context) {
		return KeyValue.of(LowCardinalityKeyNames.CLIENT, context.getRegistration().getName());
	}

	/**
	 * The {@code outcome} key value of a call that has ended.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue outcome(C context) {
		LoginOutcome outcome = context.getOutcome();
		Assert.state(outcome != null, "The call has not ended");
		return OUTCOMES[outcome.ordinal()];
	}

}
