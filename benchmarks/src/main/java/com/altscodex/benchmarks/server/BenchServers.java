package com.altscodex.benchmarks.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import reactor.netty.resources.LoopResources;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.web.server.WebFilterChainProxy;

/**
 * Starts an app under load with the bench's defaults, its {@link Variant}, its
 * {@link Security} and its {@link Authorization}, and prints {@value #READY} on standard
 * output once it serves requests (with whether it has Spring Security's
 * {@code WebFilterChainProxy}), for the orchestrator that waits for it.
 */
public final class BenchServers {

	/** The line an app prints once it is ready. */
	public static final String READY = "BENCH-READY";

	/** The property that selects an app's {@link Security}. */
	public static final String SECURITY_PROPERTY = "bench.security";

	/** The property that selects an app's {@link Authorization}. */
	public static final String AUTHORIZATION_PROPERTY = "bench.authorization";

	private BenchServers() {
	}

	/**
	 * Runs an app. {@code --bench.variant=observed|plain} (default {@code observed})
	 * selects the variant, {@code --bench.security=none|starter|form-login} (default
	 * {@code none}) its Spring Security, {@code --bench.authorization=none|rbac|without-rbac}
	 * (default {@code none}; any other needs {@code --bench.security=starter}) its
	 * authorization; every other argument is a Spring Boot property as usual.
	 * @param application the {@code @SpringBootApplication} class
	 * @param args the command-line arguments
	 */
	public static void run(Class<?> application, String[] args) {
		run(application, args, false);
	}

	/**
	 * Runs an app, as {@link #run(Class, String[])}.
	 * @param application the {@code @SpringBootApplication} class
	 * @param args the command-line arguments
	 * @param withoutStarter whether to exclude every auto-configuration of the AltsCodex
	 * starter (found in the imports files, so that new ones are excluded too)
	 */
	public static void run(Class<?> application, String[] args, boolean withoutStarter) {
		Variant variant = Variant.of(argument(args, "bench.variant", Variant.OBSERVED.propertyValue()));
		Security security = Security.of(argument(args, SECURITY_PROPERTY, Security.NONE.propertyValue()));
		Authorization authorization = Authorization
			.of(argument(args, AUTHORIZATION_PROPERTY, Authorization.NONE.propertyValue()));
		if (authorization != Authorization.NONE && security != Security.STARTER) {
			// its chain is the starter's, with an anonymous endpoint added
			throw new IllegalArgumentException(AUTHORIZATION_PROPERTY + "=" + authorization.propertyValue() + " needs "
					+ SECURITY_PROPERTY + "=" + Security.STARTER.propertyValue());
		}
		SpringApplication app = new SpringApplication(application);
		Set<String> excluded = excludedAutoConfigurations(variant, security, withoutStarter,
				BenchServers.class.getClassLoader());
		app.setDefaultProperties(defaults(security, authorization, excluded));
		app.addListeners((ApplicationListener<ApplicationReadyEvent>) (event) -> {
			ConfigurableApplicationContext context = event.getApplicationContext();
			String port = context.getEnvironment().getProperty("local.server.port", "?");
			System.out.println(READY + " app=" + application.getSimpleName() + " variant=" + variant.propertyValue()
					+ " security=" + security.propertyValue() + " authorization=" + authorization.propertyValue()
					+ " port=" + port + " excludedAutoConfigurations="
					+ excluded.size() + " webFilterChainProxy="
					+ (context.getBeanNamesForType(WebFilterChainProxy.class).length > 0) + " nativeTransport="
					+ (LoopResources.DEFAULT_NATIVE && LoopResources.hasNativeSupport()));
			System.out.flush();
		});
		app.run(args);
	}

	/**
	 * The auto-configurations an app excludes: the variant's (metrics and observation for
	 * {@link Variant#PLAIN}), the security setting's (every security auto-configuration
	 * for {@link Security#NONE}) and, for the app without the starter, the starter's.
	 */
	static Set<String> excludedAutoConfigurations(Variant variant, Security security, boolean withoutStarter,
			ClassLoader classLoader) {
		Set<String> excluded = new TreeSet<>(variant.excludedAutoConfigurations(classLoader));
		excluded.addAll(security.excludedAutoConfigurations(classLoader));
		if (withoutStarter) {
			excluded.addAll(Variant.starterAutoConfigurations(classLoader));
		}
		return excluded;
	}

	/**
	 * The properties every app gets unless its command line says otherwise.
	 */
	static Map<String, Object> defaults(Security security, Authorization authorization, Set<String> excluded) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("server.address", "127.0.0.1");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("management.endpoints.web.exposure.include", "health,prometheus");
		if (security == Security.FORM_LOGIN) {
			// Spring Security's own chain: the starter's sign-in stays out of it
			defaults.put("altscodex.security.enabled", "false");
		}
		defaults.putAll(authorization.defaults());
		if (!excluded.isEmpty()) {
			defaults.put("spring.autoconfigure.exclude", String.join(",", excluded));
		}
		return defaults;
	}

	private static String argument(String[] args, String name, String defaultValue) {
		String value = defaultValue;
		for (String arg : args) {
			if (arg.startsWith("--" + name + "=")) {
				value = arg.substring(name.length() + 3);
			}
		}
		return value;
	}
}
