package com.altscodex.spring.autoconfigure;

import java.util.List;

import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

import com.altscodex.spring.client.ClientRegistration;
import com.altscodex.spring.client.DefaultAltsCodexClient;
import com.altscodex.spring.client.DeOAuthHttpSettings;

/**
 * Builds the auto-configured clients from their registrations, on the application's
 * {@link WebClient.Builder} and one connection pool shared by all clients, which it
 * disposes when the context closes.
 */
public final class AltsCodexClientFactory implements DisposableBean {

	private final WebClient.Builder webClientBuilder;

	private final JsonMapper jsonMapper;

	private final DeOAuthHttpSettings httpSettings;

	private final List<AltsCodexClientBuilderCustomizer> customizers;

	private final ConnectionProvider connectionProvider;

	private final ClientHttpConnector connector;

	public AltsCodexClientFactory(WebClient.Builder webClientBuilder, JsonMapper jsonMapper,
			DeOAuthHttpSettings httpSettings, List<AltsCodexClientBuilderCustomizer> customizers) {
		Assert.notNull(webClientBuilder, "webClientBuilder cannot be null");
		Assert.notNull(jsonMapper, "jsonMapper cannot be null");
		Assert.notNull(httpSettings, "httpSettings cannot be null");
		this.webClientBuilder = webClientBuilder;
		this.jsonMapper = jsonMapper;
		this.httpSettings = httpSettings;
		this.customizers = List.copyOf(customizers);
		this.connectionProvider = httpSettings.createConnectionProvider("altscodex");
		this.connector = httpSettings.createConnector(this.connectionProvider);
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
			.jsonMapper(this.jsonMapper);
		this.customizers.forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Override
	public void destroy() {
		this.connectionProvider.dispose();
	}

}
