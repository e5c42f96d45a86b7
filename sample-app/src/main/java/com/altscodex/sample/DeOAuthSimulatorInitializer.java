package com.altscodex.sample;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.deoauth.simulator.SimulatedUser;

/**
 * Lets the sample run without an AltsCodex account: when {@code altscodex.auth-server-url}
 * is not set, starts a {@link DeOAuthSimulator} in-process and points the
 * {@code altscodex.*} properties at it, before the context binds them. The simulator
 * lives as long as the context, as the {@value #BEAN_NAME} bean.
 * <p>
 * Registered in {@code META-INF/spring.factories}. When {@code altscodex.auth-server-url}
 * is set, it does nothing and the application uses the configuration as given.
 */
public class DeOAuthSimulatorInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** Name of the simulator bean. */
	public static final String BEAN_NAME = "deOAuthSimulator";

	/** Client id the sample registers with the simulator. */
	public static final String CLIENT_ID = "sample-app";

	static final String PROPERTY_SOURCE_NAME = "deOAuthSimulator";

	private static final Log logger = LogFactory.getLog(DeOAuthSimulatorInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (StringUtils.hasText(environment.getProperty("altscodex.auth-server-url"))) {
			return;
		}
		String redirectUri = environment.getProperty("altscodex.redirect-uri",
				"http://localhost:" + environment.getProperty("server.port", "8080") + "/login/altscodex/callback");
		String clientSecret = randomSecret();
		DeOAuthSimulator simulator = DeOAuthSimulator.builder()
			.client(CLIENT_ID, clientSecret, redirectUri)
			.build()
			.start();
		closeWithContext(context, simulator);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("altscodex.auth-server-url", simulator.baseUrl());
		properties.put("altscodex.platform-url", simulator.baseUrl());
		properties.put("altscodex.client-id", CLIENT_ID);
		properties.put("altscodex.client-secret", clientSecret);
		properties.put("altscodex.redirect-uri", redirectUri);
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		logger.info("DeOAuth simulator running at " + simulator.baseUrl() + " (demo users: "
				+ simulator.demoUsers().stream().map(SimulatedUser::id).collect(Collectors.joining(", ")) + ")");
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
