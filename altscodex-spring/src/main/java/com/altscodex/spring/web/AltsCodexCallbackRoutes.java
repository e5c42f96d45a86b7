package com.altscodex.spring.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.CallbackObservationConvention;

/**
 * Builds the callback routes: one {@link AltsCodexCallbackHandler} per distinct
 * callback path of the given clients.
 */
public final class AltsCodexCallbackRoutes {

	private AltsCodexCallbackRoutes() {
	}

	/**
	 * Routes each client's callback path (every method, so that non-POST requests get a
	 * 405 rather than a 404) to its handler.
	 * @param clients the clients
	 * @return the router function
	 */
	public static RouterFunction<ServerResponse> of(Iterable<? extends AltsCodexClient> clients) {
		return of(clients, ObservationRegistry.NOOP, null);
	}

	/**
	 * Routes each client's callback path to its handler, observing each callback with
	 * the given registry (as {@code altscodex.callback}).
	 * @param clients the clients
	 * @param observationRegistry the registry; {@link ObservationRegistry#NOOP}
	 * observes nothing
	 * @param observationConvention the convention that names and tags the callback
	 * observations, or {@code null} for the registry's global one or else
	 * {@link com.altscodex.spring.client.DefaultCallbackObservationConvention}
	 * @return the router function
	 */
	public static RouterFunction<ServerResponse> of(Iterable<? extends AltsCodexClient> clients,
			ObservationRegistry observationRegistry, @Nullable CallbackObservationConvention observationConvention) {
		Assert.notNull(observationRegistry, "observationRegistry cannot be null");
		Map<String, List<AltsCodexClient>> byPath = new LinkedHashMap<>();
		for (AltsCodexClient client : clients) {
			byPath.computeIfAbsent(client.getRegistration().getCallbackPath(), (path) -> new ArrayList<>())
				.add(client);
		}
		Assert.notEmpty(byPath, "clients must not be empty");
		RouterFunction<ServerResponse> routes = null;
		for (Map.Entry<String, List<AltsCodexClient>> entry : byPath.entrySet()) {
			AltsCodexCallbackHandler handler = new AltsCodexCallbackHandler(entry.getValue());
			handler.setObservationRegistry(observationRegistry);
			if (observationConvention != null) {
				handler.setObservationConvention(observationConvention);
			}
			RouterFunction<ServerResponse> route = RouterFunctions.route(RequestPredicates.path(entry.getKey()),
					handler);
			routes = (routes != null) ? routes.and(route) : route;
		}
		return routes;
	}

}
