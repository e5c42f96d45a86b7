package com.altscodex.spring.client;

import java.util.List;
import java.util.function.Consumer;

import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the auto-configured clients from their registrations, on the application's
 * {@link WebClient.Builder} and one connection pool shared by all clients, which it
 * disposes when the context closes. Each client is observed with the application's
 * {@link ObservationRegistry}, and announced in the log as it is built.
 */
public final class AltsCodexClientFactory implements DisposableBean {

	private static final Log logger = LogFactory.getLog(AltsCodexClientFactory.class);

	private final WebClient.Builder webClientBuilder;

	private final JsonMapper jsonMapper;

	private final DeOAuthHttpSettings httpSettings;

	private final List<? extends Consumer<DefaultAltsCodexClient.Builder>> customizers;

	private final ConnectionProvider connectionProvider;

	private final ClientHttpConnector connector;

	private final ObservationRegistry observationRegistry;

	private @Nullable LoginObservationConvention loginObservationConvention;

	private @Nullable CodeExchangeObservationConvention codeExchangeObservationConvention;

	/**
	 * Creates a factory whose clients are not observed.
	 * @param webClientBuilder the application's WebClient builder, cloned by each client
	 * @param jsonMapper the JSON mapper
	 * @param httpSettings the HTTP settings shared by all clients
	 * @param customizers applied in order to each client's builder
	 */
	public AltsCodexClientFactory(WebClient.Builder webClientBuilder, JsonMapper jsonMapper,
			DeOAuthHttpSettings httpSettings, List<? extends Consumer<DefaultAltsCodexClient.Builder>> customizers) {
		this(webClientBuilder, jsonMapper, httpSettings, customizers, ObservationRegistry.NOOP);
	}

	/**
	 * Creates a factory whose clients are observed with the given registry.
	 * @param webClientBuilder the application's WebClient builder, cloned by each client
	 * @param jsonMapper the JSON mapper
	 * @param httpSettings the HTTP settings shared by all clients
	 * @param customizers applied in order to each client's builder
	 * @param observationRegistry the registry that observes logins and code exchanges
	 */
	public AltsCodexClientFactory(WebClient.Builder webClientBuilder, JsonMapper jsonMapper,
			DeOAuthHttpSettings httpSettings, List<? extends Consumer<DefaultAltsCodexClient.Builder>> customizers,
			ObservationRegistry observationRegistry) {
		Assert.notNull(webClientBuilder, "webClientBuilder cannot be null");
		Assert.notNull(jsonMapper, "jsonMapper cannot be null");
		Assert.notNull(httpSettings, "httpSettings cannot be null");
		Assert.notNull(observationRegistry, "observationRegistry cannot be null");
		this.observationRegistry = observationRegistry;
		this.webClientBuilder = webClientBuilder;
		this.jsonMapper = jsonMapper;
		this.httpSettings = httpSettings;
		this.customizers = List.copyOf(customizers);
		this.connectionProvider = httpSettings.createConnectionProvider("altscodex");
		this.connector = httpSettings.createConnector(this.connectionProvider);
	}

	/**
	 * Sets the convention of the clients' {@code altscodex.login} observations. Defaults
	 * to the registry's global one, else the default convention.
	 * @param convention the convention
	 */
	public void setLoginObservationConvention(LoginObservationConvention convention) {
		this.loginObservationConvention = convention;
	}

	/**
	 * Sets the convention of the clients' {@code altscodex.code.exchange} observations.
	 * Defaults to the registry's global one, else the default convention.
	 * @param convention the convention
	 */
	public void setCodeExchangeObservationConvention(CodeExchangeObservationConvention convention) {
		this.codeExchangeObservationConvention = convention;
	}

	/**
	 * Builds the client of one registration.
	 * @param registration the registration
	 * @return the client
	 */
	public DefaultAltsCodexClient create(ClientRegistration registration) {
		DefaultAltsCodexClient.Builder builder = DefaultAltsCodexClient.builder(registration)
			.webClientBuilder(this.webClientBuilder)
			.connector(this.connector)
			.httpSettings(this.httpSettings)
			.jsonMapper(this.jsonMapper)
			.observationRegistry(this.observationRegistry);
		if (this.loginObservationConvention != null) {
			builder.loginObservationConvention(this.loginObservationConvention);
		}
		if (this.codeExchangeObservationConvention != null) {
			builder.codeExchangeObservationConvention(this.codeExchangeObservationConvention);
		}
		this.customizers.forEach((customizer) -> customizer.accept(builder));
		DefaultAltsCodexClient client = builder.build();
		if (logger.isInfoEnabled()) {
			logger.info("AltsCodex client '" + registration.getName() + "' (client id " + registration.getClientId()
					+ ") receives DeOAuth callbacks on " + registration.getCallbackPath() + "; pending logins in "
					+ client.getPendingLoginStoreMode());
		}
		return client;
	}

	@Override
	public void destroy() {
		this.connectionProvider.dispose();
	}

}
