package com.altscodex.spring.client;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code altscodex.code.exchange} observation. Implement it to
 * replace {@link DefaultCodeExchangeObservationConvention}, on the client builder or as
 * a global convention of the {@code ObservationRegistry}.
 */
public interface CodeExchangeObservationConvention extends ObservationConvention<CodeExchangeObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof CodeExchangeObservationContext;
	}

}
