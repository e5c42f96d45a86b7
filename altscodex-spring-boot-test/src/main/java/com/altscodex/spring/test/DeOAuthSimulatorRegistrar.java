package com.altscodex.spring.test;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.util.StringUtils;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;

/**
 * Starts the DeOAuth simulator of one application context, registers it as a bean that
 * is closed with the context, points the context's {@code altscodex.*} properties at it
 * and registers the resulting client with it.
 * <p>
 * Added to the context by {@link DeOAuthSimulatorContextCustomizer}, it runs at the very
 * start of the context's refresh, with the other post-processors added to the context
 * itself: after every context customizer and initializer (so after
 * {@code @DynamicPropertySource} methods, whatever their order) and before any
 * configuration class is parsed, condition evaluated or bean created. Starting the
 * simulator here, rather than in the customizer, also means a context that never
 * refreshes starts none; a context that fails to refresh closes it.
 */
final class DeOAuthSimulatorRegistrar implements BeanDefinitionRegistryPostProcessor {

	static final String BEAN_NAME = "deOAuthSimulator";

	static final String PROPERTY_SOURCE_NAME = "deOAuthSimulator";

	static final String SERVER_PORT_PROPERTY_SOURCE_NAME = "deOAuthSimulatorServerPort";

	static final String NAMED_CLIENTS_PROPERTY_SOURCE_NAME = "deOAuthSimulatorNamedClients";

	static final String DEFAULT_CALLBACK_PATH = "/login/altscodex";

	private static final String AUTH_SERVER_URL = "altscodex.auth-server-url";

	private static final String PLATFORM_URL = "altscodex.platform-url";

	private static final String CLIENT_ID = "altscodex.client-id";

	private static final String CLIENT_SECRET = "altscodex.client-secret";

	private static final String REDIRECT_URI = "altscodex.redirect-uri";

	private static final String CALLBACK_PATH = "altscodex.callback-path";

	private static final String CLIENTS = "altscodex.clients";

	private static final String SERVER_PORT = "server.port";

	private static final String SERVER_ADDRESS = "server.address";

	private static final int DEFAULT_SERVER_PORT = 8080;

	private static final Log logger = LogFactory.getLog(DeOAuthSimulatorRegistrar.class);

	private static final SecureRandom random = new SecureRandom();

	private final ConfigurableEnvironment environment;

	private final String clientId;

	private final String callbackPath;

	DeOAuthSimulatorRegistrar(ConfigurableEnvironment environment, String clientId, String callbackPath) {
		this.environment = environment;
		this.clientId = clientId;
		this.callbackPath = callbackPath;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		if (!(registry instanceof DefaultListableBeanFactory beanFactory)) {
			throw new IllegalStateException("@AutoConfigureDeOAuthSimulator needs a DefaultListableBeanFactory, found "
					+ registry.getClass().getName());
		}
		DeOAuthSimulator simulator = DeOAuthSimulator.builder().build().start();
		try {
			beanFactory.registerSingleton(BEAN_NAME, simulator);
			beanFactory.registerDisposableBean(BEAN_NAME, simulator::close);
			pointApplicationAt(simulator);
		}
		catch (RuntimeException ex) {
			simulator.close();
			throw ex;
		}
	}

	private void pointApplicationAt(DeOAuthSimulator simulator) {
		String callbackPath = callbackPath();
		int port = serverPort();
		// an application of named clients only gets no top-level client it does not have
		boolean topLevelClient = namedClients().isEmpty() || hasTopLevelClient();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(AUTH_SERVER_URL, simulator.baseUrl());
		properties.put(PLATFORM_URL, simulator.baseUrl());
		if (topLevelClient) {
			properties.put(CLIENT_ID, this.clientId);
			properties.put(CLIENT_SECRET, randomSecret());
			properties.put(CALLBACK_PATH, callbackPath);
		}
		MutablePropertySources sources = this.environment.getPropertySources();
		add(sources, new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		if (topLevelClient) {
			// the redirect URI names the path the application serves, once the test's own
			// properties had their say
			String servedPath = this.environment.getProperty(CALLBACK_PATH);
			Map<String, Object> withRedirectUri = new LinkedHashMap<>(properties);
			withRedirectUri.put(REDIRECT_URI,
					"http://" + host() + ":" + port + (StringUtils.hasText(servedPath) ? servedPath : callbackPath));
			sources.replace(PROPERTY_SOURCE_NAME, new MapPropertySource(PROPERTY_SOURCE_NAME, withRedirectUri));
			register(simulator, "default", this.environment.getProperty(CLIENT_ID),
					this.environment.getProperty(CLIENT_SECRET), this.environment.getProperty(REDIRECT_URI));
		}
		pointNamedClientsAt(simulator, port);
	}

	private boolean hasTopLevelClient() {
		return StringUtils.hasText(this.environment.getProperty(CLIENT_ID))
				|| StringUtils.hasText(this.environment.getProperty(CLIENT_SECRET))
				|| StringUtils.hasText(this.environment.getProperty(REDIRECT_URI));
	}

	/**
	 * Each client under {@code altscodex.clients.<name>} too: its URLs are the
	 * simulator's, its secret a random one and its redirect URI this application's, so that
	 * no named client's own configuration sends a test to the real AltsCodex. Its client
	 * id stays the application's (it is no secret); the test's own properties win, as for
	 * the top-level client.
	 */
	private void pointNamedClientsAt(DeOAuthSimulator simulator, int port) {
		Map<String, NamedClient> clients = namedClients();
		if (clients.isEmpty()) {
			return;
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		clients.forEach((name, client) -> {
			String prefix = CLIENTS + "." + name + ".";
			properties.put(prefix + "auth-server-url", simulator.baseUrl());
			properties.put(prefix + "platform-url", simulator.baseUrl());
			properties.put(prefix + "client-secret", randomSecret());
			properties.put(prefix + "callback-path", client.callbackPath());
		});
		MutablePropertySources sources = this.environment.getPropertySources();
		add(sources, new MapPropertySource(NAMED_CLIENTS_PROPERTY_SOURCE_NAME, properties));
		// the redirect URIs name the paths the application serves, once the test's own
		// properties had their say
		Map<String, NamedClient> served = namedClients();
		Map<String, Object> withRedirectUris = new LinkedHashMap<>(properties);
		served.forEach((name, client) -> withRedirectUris.put(CLIENTS + "." + name + ".redirect-uri",
				"http://" + host() + ":" + port + client.callbackPath()));
		sources.replace(NAMED_CLIENTS_PROPERTY_SOURCE_NAME,
				new MapPropertySource(NAMED_CLIENTS_PROPERTY_SOURCE_NAME, withRedirectUris));
		namedClients().forEach((name, client) -> register(simulator, name, client.clientId(), client.clientSecret(),
				client.redirectUri()));
	}

	/**
	 * The named clients as the environment has them now, each with the path its callback
	 * is served at: its {@code callback-path}, else the path of its redirect URI, else the
	 * default.
	 */
	private Map<String, NamedClient> namedClients() {
		Map<String, NamedClient> bound = Binder.get(this.environment)
			.bind(CLIENTS, Bindable.mapOf(String.class, NamedClient.class))
			.orElse(Map.of());
		Map<String, NamedClient> clients = new LinkedHashMap<>();
		bound.forEach((name, client) -> {
			String path = StringUtils.hasText(client.callbackPath()) ? client.callbackPath()
					: pathOf(client.redirectUri());
			clients.put(name, new NamedClient(client.clientId(), client.clientSecret(), client.redirectUri(),
					(path != null) ? path : DEFAULT_CALLBACK_PATH));
		});
		return clients;
	}

	private static void register(DeOAuthSimulator simulator, String name, @Nullable String clientId,
			@Nullable String clientSecret, @Nullable String redirectUri) {
		if (StringUtils.hasText(clientId) && StringUtils.hasText(clientSecret) && StringUtils.hasText(redirectUri)) {
			// otherwise the starter fails start-up, naming the missing property
			simulator.registerClient(clientId, clientSecret, redirectUri);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("DeOAuth simulator on " + simulator.baseUrl() + " serves client '" + name + "' ("
					+ clientId + ") with redirect URI " + redirectUri);
		}
	}

	/**
	 * What the registrar reads of a client under {@code altscodex.clients.<name>}; the rest
	 * of its settings are the application's.
	 */
	record NamedClient(@Nullable String clientId, @Nullable String clientSecret, @Nullable String redirectUri,
			@Nullable String callbackPath) {
	}

	/**
	 * Just above the system properties: below everything a test declares, above the
	 * application's configuration.
	 */
	private static void add(MutablePropertySources sources, PropertySource<?> source) {
		if (sources.contains(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
			sources.addBefore(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, source);
		}
		else {
			sources.addFirst(source);
		}
	}

	private String callbackPath() {
		if (!this.callbackPath.isEmpty()) {
			return this.callbackPath;
		}
		String configured = this.environment.getProperty(CALLBACK_PATH);
		if (StringUtils.hasText(configured)) {
			return configured;
		}
		String redirectPath = pathOf(this.environment.getProperty(REDIRECT_URI));
		return (redirectPath != null) ? redirectPath : DEFAULT_CALLBACK_PATH;
	}

	private static @Nullable String pathOf(@Nullable String uri) {
		if (!StringUtils.hasText(uri)) {
			return null;
		}
		try {
			String path = URI.create(uri).getRawPath();
			return (StringUtils.hasText(path) && !"/".equals(path)) ? path : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * The port the server will listen on: the configured one, or a free one picked now
	 * (and set with the highest precedence) when the configured one is {@code 0}, as
	 * {@code RANDOM_PORT} sets it.
	 */
	private int serverPort() {
		Integer configured = this.environment.getProperty(SERVER_PORT, Integer.class);
		if (configured == null) {
			return DEFAULT_SERVER_PORT;
		}
		if (configured > 0) {
			return configured;
		}
		if (configured < 0) {
			throw new IllegalStateException("@AutoConfigureDeOAuthSimulator needs a running web server, because the"
					+ " DeOAuth simulator calls the application back over HTTP, but server.port is " + configured
					+ ". Remove it, or set it to 0 or a port.");
		}
		int port = TestSocketUtils.findAvailableTcpPort();
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource(SERVER_PORT_PROPERTY_SOURCE_NAME, Map.<String, Object>of(SERVER_PORT, port)));
		return port;
	}

	private String host() {
		String address = this.environment.getProperty(SERVER_ADDRESS);
		if (!StringUtils.hasText(address) || "0.0.0.0".equals(address) || "::".equals(address)) {
			return "127.0.0.1";
		}
		return (address.contains(":") && !address.startsWith("[")) ? "[" + address + "]" : address;
	}

	private static String randomSecret() {
		byte[] bytes = new byte[24];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
