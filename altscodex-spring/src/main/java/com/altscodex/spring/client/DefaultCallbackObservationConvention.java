package com.altscodex.spring.client;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import org.springframework.util.Assert;

import com.altscodex.spring.client.AltsCodexObservationDocumentation.LowCardinalityKeyNames;
import com.altscodex.spring.client.pending.ClaimResult;

/**
 * The default {@link CallbackObservationConvention}: {@code altscodex.callback}, tagged
 * once the callback is routed with the name of the client whose login it belongs to
 * ({@code none} when no client knew its state) and whether its state was
 * {@code known}, {@code duplicate} or {@code unknown} (see {@link ClaimResult}).
 */
public class DefaultCallbackObservationConvention implements CallbackObservationConvention {

	/** The default observation name. */
	public static final String DEFAULT_NAME = "altscodex.callback";

	private static final KeyValue CLIENT_NONE = KeyValue.of(LowCardinalityKeyNames.CLIENT, "none");

	private static final KeyValue STATE_KNOWN = KeyValue.of(LowCardinalityKeyNames.STATE, "known");

	private static final KeyValue STATE_DUPLICATE = KeyValue.of(LowCardinalityKeyNames.STATE, "duplicate");

	private static final KeyValue STATE_UNKNOWN = KeyValue.of(LowCardinalityKeyNames.STATE, "unknown");

	private final String name;

	/**
	 * Creates the convention with the {@linkplain #DEFAULT_NAME default name}.
	 */
	public DefaultCallbackObservationConvention() {
		this(DEFAULT_NAME);
	}

	/**
	 * Creates the convention with a name of its own.
	 * @param name the observation name
	 */
	public DefaultCallbackObservationConvention(String name) {
		Assert.hasText(name, "name must not be empty");
		this.name = name;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getContextualName(CallbackObservationContext context) {
		return "altscodex callback";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(CallbackObservationContext context) {
		// where the callback belongs is known once it is routed, when the observation stops
		return (context.getClaimResult() != null) ? KeyValues.of(client(context), state(context)) : KeyValues.empty();
	}

	/**
	 * The {@code client} key value: the registration name of the client whose login the
	 * callback belongs to, or {@code none}.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue client(CallbackObservationContext context) {
		String clientName = context.getClientName();
		return (clientName != null) ? KeyValue.of(LowCardinalityKeyNames.CLIENT, clientName) : CLIENT_NONE;
	}

	/**
	 * The {@code state} key value of a routed callback.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue state(CallbackObservationContext context) {
		ClaimResult result = context.getClaimResult();
		Assert.state(result != null, "The callback has not been routed");
		return switch (result) {
			case CLAIMED -> STATE_KNOWN;
			case DUPLICATE -> STATE_DUPLICATE;
			case UNKNOWN -> STATE_UNKNOWN;
		};
	}

}
