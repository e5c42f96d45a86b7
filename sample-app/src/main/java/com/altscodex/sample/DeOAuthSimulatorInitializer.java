package com.altscodex.sample;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.deoauth.simulator.SimulatedUser;

/**
 * Lets the sample run without an AltsCodex account: when no AltsCodex client setting is
 * given at all, starts a {@link DeOAuthSimulator} in-process and points the
 * {@code altscodex.*} client properties at it, before the context binds them. The
 * simulator lives as long as the context, as the {@value #BEAN_NAME} bean.
 * <p>
 * The client settings are {@code altscodex.auth-server-url}, {@code platform-url},
 * {@code client-id}, {@code client-secret}, {@code redirect-uri} and
 * {@code altscodex.clients.*}, in any property source and any relaxed spelling (such as
 * the {@code ALTSCODEX_CLIENT_ID} environment variable), even with an empty value (see
 * {@link ClientSettings}):
 * <ul>
 * <li>none given: simulator mode;</li>
 * <li>{@code auth-server-url} and a complete client given: this initializer does
 * nothing, and the application uses the configuration as given;</li>
 * <li>anything else: start-up fails with an {@link IncompleteClientSettingsException}
 * that names what is missing. The simulator never replaces a setting the user
 * gave.</li>
 * </ul>
 * The simulator keeps no record of the traffic (JWTs and Basic credentials included)
 * and lets refresh tokens expire, so its memory stays bounded however long the demo
 * runs. {@value #RECORD_TRAFFIC_PROPERTY}{@code =true} turns recording on; it exists
 * for the sample's own tests, which read the simulator's journal.
 * <p>
 * Registered in {@code META-INF/spring.factories}.
 */
public class DeOAuthSimulatorInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** Name of the simulator bean. */
	public static final String BEAN_NAME = "deOAuthSimulator";

	/** Client id the sample registers with the simulator. */
	public static final String CLIENT_ID = "sample-app";

	/**
	 * Whether the simulator records the requests it receives and the callbacks it sends.
	 * For the sample's tests only: off by default, since the records hold JWTs and client
	 * credentials and grow without bound.
	 */
	public static final String RECORD_TRAFFIC_PROPERTY = "sample.simulator.record-traffic";

	static final String PROPERTY_SOURCE_NAME = "deOAuthSimulator";

	// the redirect URI's path that the AltsCodex design card and SDKs use
	static final String DEFAULT_CALLBACK_PATH = "/getinfo";

	// the sample never refreshes; the one refresh token of each sign-in only has to go away
	static final Duration REFRESH_TOKEN_TTL = Duration.ofMinutes(30);

	private static final Log logger = LogFactory.getLog(DeOAuthSimulatorInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		ClientSettings settings = ClientSettings.of(environment, PROPERTY_SOURCE_NAME);
		if (!settings.isEmpty()) {
			settings.requireComplete();
			return;
		}
		Binder binder = Binder.get(environment);
		// the redirect URI the starter's callback endpoint answers on: the port and the
		// callback path come from the user's settings
		String callbackPath = binder.bind("altscodex.callback-path", String.class).orElse(DEFAULT_CALLBACK_PATH);
		String redirectUri = "http://localhost:" + binder.bind("server.port", Integer.class).orElse(8080)
				+ callbackPath;
		boolean recordTraffic = binder.bind(RECORD_TRAFFIC_PROPERTY, Boolean.class).orElse(false);
		String clientSecret = randomSecret();
		DeOAuthSimulator simulator = DeOAuthSimulator.builder()
			.client(CLIENT_ID, clientSecret, redirectUri)
			.recordTraffic(recordTraffic)
			.refreshTokenTtl(REFRESH_TOKEN_TTL)
			.build()
			.start();
		closeWithContext(context, simulator);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(ClientSettings.AUTH_SERVER_URL, simulator.baseUrl());
		properties.put(ClientSettings.PLATFORM_URL, simulator.baseUrl());
		properties.put(ClientSettings.CLIENT_ID, CLIENT_ID);
		properties.put(ClientSettings.CLIENT_SECRET, clientSecret);
		properties.put(ClientSettings.REDIRECT_URI, redirectUri);
		// Last, behind every source the user configures with (only SpringApplication's
		// default properties end up behind it, moved there during the refresh): the
		// simulator's values only fill in settings nobody configured, which is none of
		// them (checked above, defaults included). Should a source ordered ahead of it
		// hold one anyway, such as a test's @TestPropertySource, the user's value wins and
		// the starter validates it; first place would silently replace it.
		MutablePropertySources propertySources = environment.getPropertySources();
		propertySources.remove(PROPERTY_SOURCE_NAME);
		propertySources.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		logger.info("DeOAuth simulator running at " + simulator.baseUrl() + " (demo users: "
				+ simulator.demoUsers().stream().map(SimulatedUser::id).collect(Collectors.joining(", "))
				+ "); traffic recording " + (recordTraffic ? "on" : "off"));
	}

	// destroyed with the singletons: on close, and also when the refresh fails
	private static void closeWithContext(ConfigurableApplicationContext context, DeOAuthSimulator simulator) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, simulator);
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			registry.registerDisposableBean(BEAN_NAME, simulator::close);
		}
	}

	private static String randomSecret() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
