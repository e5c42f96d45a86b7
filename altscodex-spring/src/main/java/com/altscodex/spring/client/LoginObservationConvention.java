package com.altscodex.spring.client;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code altscodex.login} observation. Implement it to replace
 * {@link DefaultLoginObservationConvention}, on the client builder or as a global
 * convention of the {@code ObservationRegistry}.
 */
public interface LoginObservationConvention extends ObservationConvention<LoginObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof LoginObservationContext;
	}

}
