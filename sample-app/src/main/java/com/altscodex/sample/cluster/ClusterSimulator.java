package com.altscodex.sample.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.deoauth.simulator.SimulatedUser;

/**
 * The DeOAuth simulator as a process of its own, that every instance of a cluster talks
 * to as it would to AltsCodex's DeOAuth: a login may then be called back on any instance
 * (the redirect URI is the proxy's), which is what the {@code cluster} profile is for. A
 * simulator inside each instance would not do: each would know only its own logins and
 * sign its JWTs with its own key. {@code cluster/run} starts it from the sample's jar:
 * <pre class="code">
 * java -Dloader.main=com.altscodex.sample.cluster.ClusterSimulator \
 *     -cp target/sample-app-*.jar org.springframework.boot.loader.launch.PropertiesLauncher
 * </pre>
 * It reads the same settings as the instances, from any Spring Boot property source:
 * <ul>
 * <li>{@value #PORT_PROPERTY}: the port on {@code 127.0.0.1} ({@value #DEFAULT_PORT};
 * {@code 0} for a free one);</li>
 * <li>{@code altscodex.client-id} ({@value #DEFAULT_CLIENT_ID}),
 * {@code altscodex.client-secret} (required, e.g. {@code ALTSCODEX_CLIENT_SECRET}) and
 * {@code altscodex.redirect-uri} ({@value #DEFAULT_REDIRECT_URI}, the proxy's): the
 * client it registers.</li>
 * </ul>
 * Like the sample's in-process simulator, it records no traffic and lets refresh tokens
 * expire, so that its memory stays bounded however long the cluster runs.
 */
public final class ClusterSimulator {

	/** Name of the simulator bean. */
	public static final String BEAN_NAME = "deOAuthSimulator";

	/** Property that holds the simulator's port. */
	public static final String PORT_PROPERTY = "sample.simulator.port";

	static final int DEFAULT_PORT = 9000;

	static final String DEFAULT_CLIENT_ID = "sample-app";

	static final String DEFAULT_REDIRECT_URI = "http://localhost:8080/getinfo";

	// the sample never refreshes; the one refresh token of each sign-in only has to go away
	private static final Duration REFRESH_TOKEN_TTL = Duration.ofMinutes(30);

	private static final Log logger = LogFactory.getLog(ClusterSimulator.class);

	public static void main(String[] args) {
		run(args);
	}

	/**
	 * Starts the simulator; it runs until the returned context is closed (on SIGTERM or
	 * Ctrl-C for the process).
	 * @param args command-line arguments, such as {@code --sample.simulator.port=9000}
	 * @return the context, whose {@value #BEAN_NAME} bean is the simulator
	 */
	public static ConfigurableApplicationContext run(String... args) {
		SpringApplication application = new SpringApplication(ClusterSimulator.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		// this one alone: the sample's DeOAuthSimulatorInitializer would start one more
		// simulator, in-process
		application.setInitializers(List.of(ClusterSimulator::startSimulator));
		// the simulator's threads are daemons: this keeps the process up until it is stopped
		application.setDefaultProperties(Map.of("spring.main.keep-alive", "true"));
		return application.run(args);
	}

	// A singleton rather than a bean definition, as in DeOAuthSimulatorInitializer: the
	// simulator's class names spring-test, which is not on the sample's runtime classpath,
	// and a bean definition would have its methods introspected.
	private static void startSimulator(ConfigurableApplicationContext context) {
		Environment environment = context.getEnvironment();
		int port = environment.getProperty(PORT_PROPERTY, Integer.class, DEFAULT_PORT);
		String clientId = environment.getProperty("altscodex.client-id", DEFAULT_CLIENT_ID);
		String clientSecret = environment.getProperty("altscodex.client-secret", "");
		if (clientSecret.isBlank()) {
			throw new IllegalStateException("The shared DeOAuth simulator needs the client secret that the instances "
					+ "use: set ALTSCODEX_CLIENT_SECRET ('altscodex.client-secret') for it and for every instance");
		}
		String redirectUri = environment.getProperty("altscodex.redirect-uri", DEFAULT_REDIRECT_URI);
		DeOAuthSimulator simulator = DeOAuthSimulator.builder()
			.port(port)
			.client(clientId, clientSecret, redirectUri)
			.recordTraffic(false)
			.refreshTokenTtl(REFRESH_TOKEN_TTL)
			.build()
			.start();
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, simulator);
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			registry.registerDisposableBean(BEAN_NAME, simulator::close);
		}
		logger.info("Shared DeOAuth simulator running at " + simulator.baseUrl() + " for client '" + clientId
				+ "', calling back " + redirectUri + " (demo users: "
				+ simulator.demoUsers().stream().map(SimulatedUser::id).collect(Collectors.joining(", ")) + ")");
	}

}
