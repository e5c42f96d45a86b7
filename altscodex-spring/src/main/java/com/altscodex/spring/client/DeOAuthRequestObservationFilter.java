package com.altscodex.spring.client;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.client.ClientHttpObservationDocumentation;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;

/**
 * Keeps the login state out of WebClient's {@code http.client.requests} observations
 * of the client's calls to DeOAuth: their {@code http.url} loses its query string,
 * which on {@code authorize} carries the state. Other requests are left alone.
 * <p>
 * Spring Boot applies it to its {@code ObservationRegistry} (the starter declares it
 * as a bean); an application wired by hand registers it with
 * {@code registry.observationConfig().observationFilter(new DeOAuthRequestObservationFilter())}.
 */
public final class DeOAuthRequestObservationFilter implements ObservationFilter {

	private static final String HTTP_URL = ClientHttpObservationDocumentation.HighCardinalityKeyNames.HTTP_URL
		.asString();

	@Override
	public Observation.Context map(Observation.Context context) {
		if (context instanceof ClientRequestObservationContext clientContext
				&& isToDeOAuth(clientContext.getRequest())) {
			KeyValue url = context.getHighCardinalityKeyValue(HTTP_URL);
			if (url != null) {
				int query = url.getValue().indexOf('?');
				if (query >= 0) {
					context.addHighCardinalityKeyValue(KeyValue.of(HTTP_URL, url.getValue().substring(0, query)));
				}
			}
		}
		return context;
	}

	// the credential attribute marks the client's calls that take one, authorize among them
	private static boolean isToDeOAuth(@Nullable ClientRequest request) {
		return request != null && request.attributes().get(HttpCredential.ATTRIBUTE) != null;
	}

}
