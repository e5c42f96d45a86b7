package com.altscodex.spring.client;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code altscodex.callback} observation. Implement it to replace
 * {@link DefaultCallbackObservationConvention}, on the callback routes or as a global
 * convention of the {@code ObservationRegistry}.
 */
public interface CallbackObservationConvention extends ObservationConvention<CallbackObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof CallbackObservationContext;
	}

}
