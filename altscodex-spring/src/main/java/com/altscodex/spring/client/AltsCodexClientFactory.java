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

import com.altscodex.spring.client.pending.PendingLoginRegistry;

/**
 * Builds the clients of an application from their registrations: on the application's
 * {@link WebClient.Builder}, one connection pool shared by all clients (disposed with
 * the factory), and the application's one {@link PendingLoginRegistry}, where its
 * callback endpoint delivers callbacks. Each client is announced in the log as it is
 * built.
 */
public final class AltsCodexClientFactory implements DisposableBean {

	private static final Log logger = LogFactory.getLog(AltsCodexClientFactory.class);

	private final WebClient.Builder webClientBuilder;

	private final JsonMapper jsonMapper;

	private final DeOAuthHttpSettings httpSettings;

	private final PendingLoginRegistry pendingLogins;

	private final ConnectionProvider connectionProvider;

	private final ClientHttpConnector connector;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable LoginObservationConvention loginObservationConvention;

	private @Nullable CodeExchangeObservationConvention codeExchangeObservationConvention;

	private List<? extends Consumer<DefaultAltsCodexClient.Builder>> customizers = List.of();

	/**
	 * Creates a factory.
	 * @param webClientBuilder the application's WebClient builder, cloned by each client
	 * @param jsonMapper the JSON mapper
	 * @param httpSettings the HTTP settings shared by all clients
	 * @param pendingLogins the registry every client registers its pending logins with
	 */
	public AltsCodexClientFactory(WebClient.Builder webClientBuilder, JsonMapper jsonMapper,
			DeOAuthHttpSettings httpSettings, PendingLoginRegistry pendingLogins) {
		Assert.notNull(webClientBuilder, "webClientBuilder cannot be null");
		Assert.notNull(jsonMapper, "jsonMapper cannot be null");
		Assert.notNull(httpSettings, "httpSettings cannot be null");
		Assert.notNull(pendingLogins, "pendingLogins cannot be null");
		this.webClientBuilder = webClientBuilder;
		this.jsonMapper = jsonMapper;
		this.httpSettings = httpSettings;
		this.pendingLogins = pendingLogins;
		this.connectionProvider = httpSettings.createConnectionProvider("altscodex");
		this.connector = httpSettings.createConnector(this.connectionProvider);
	}

	/**
	 * Sets the registry that observes the clients' logins and code exchanges. Defaults
	 * to {@link ObservationRegistry#NOOP}.
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "observationRegistry cannot be null");
		this.observationRegistry = observationRegistry;
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
	 * Sets what customizes each client's builder, in order, after the factory has
	 * configured it. Defaults to none.
	 * @param customizers the customizers
	 */
	public void setCustomizers(List<? extends Consumer<DefaultAltsCodexClient.Builder>> customizers) {
		Assert.notNull(customizers, "customizers cannot be null");
		this.customizers = List.copyOf(customizers);
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
			.pendingLogins(this.pendingLogins)
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
					+ ") receives DeOAuth callbacks on " + registration.getCallbackPath() + "; at most "
					+ registration.getMaxPendingLogins() + " pending logins, kept in "
					+ this.pendingLogins.storeMode());
		}
		return client;
	}

	@Override
	public void destroy() {
		this.connectionProvider.dispose();
	}

}
