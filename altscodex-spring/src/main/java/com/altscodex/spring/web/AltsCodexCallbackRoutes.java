package com.altscodex.spring.web;

import java.util.LinkedHashSet;
import java.util.Set;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.CallbackObservationConvention;
import com.altscodex.spring.client.pending.PendingLoginRegistry;

/**
 * Builds the callback routes: the callback path of every client, answered by one
 * {@link AltsCodexCallbackHandler} that delivers each callback to the application's
 * {@link PendingLoginRegistry}. A callback's state alone says which login it belongs
 * to, whichever of the paths it arrives on.
 */
public final class AltsCodexCallbackRoutes {

	private AltsCodexCallbackRoutes() {
	}

	/**
	 * Routes the callback path of each client (every method, so that non-POST requests
	 * get a 405 rather than a 404) to a handler that delivers callbacks to the registry.
	 * @param pendingLogins the registry the clients register their logins with
	 * @param clients the clients
	 * @return the router function
	 */
	public static RouterFunction<ServerResponse> of(PendingLoginRegistry pendingLogins,
			Iterable<? extends AltsCodexClient> clients) {
		return of(pendingLogins, clients, ObservationRegistry.NOOP, null);
	}

	/**
	 * Routes the callback path of each client to a handler that delivers callbacks to
	 * the registry, observing each callback with the given registry (as
	 * {@code altscodex.callback}).
	 * @param pendingLogins the registry the clients register their logins with
	 * @param clients the clients
	 * @param observationRegistry the registry; {@link ObservationRegistry#NOOP}
	 * observes nothing
	 * @param observationConvention the convention that names and tags the callback
	 * observations, or {@code null} for the registry's global one or else
	 * {@link com.altscodex.spring.client.DefaultCallbackObservationConvention}
	 * @return the router function
	 */
	public static RouterFunction<ServerResponse> of(PendingLoginRegistry pendingLogins,
			Iterable<? extends AltsCodexClient> clients, ObservationRegistry observationRegistry,
			@Nullable CallbackObservationConvention observationConvention) {
		Assert.notNull(pendingLogins, "pendingLogins cannot be null");
		Assert.notNull(observationRegistry, "observationRegistry cannot be null");
		Set<String> paths = new LinkedHashSet<>();
		clients.forEach((client) -> paths.add(client.getRegistration().getCallbackPath()));
		Assert.notEmpty(paths, "clients must not be empty");
		AltsCodexCallbackHandler handler = new AltsCodexCallbackHandler(pendingLogins);
		handler.setObservationRegistry(observationRegistry);
		if (observationConvention != null) {
			handler.setObservationConvention(observationConvention);
		}
		RequestPredicate anyPath = paths.stream().map(RequestPredicates::path).reduce(RequestPredicate::or).get();
		return RouterFunctions.route(anyPath, handler);
	}

}
