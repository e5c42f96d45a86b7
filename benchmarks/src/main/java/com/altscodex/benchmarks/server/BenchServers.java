package com.altscodex.benchmarks.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
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

	/** The property that selects an app's {@link Store}. */
	public static final String STORE_PROPERTY = "bench.store";

	/** The property of the ports of several instances in one JVM. */
	public static final String CLUSTER_PORTS_PROPERTY = "bench.cluster.ports";

	private static final String PENDING_LOGIN_REGISTRY = "com.altscodex.spring.client.pending.PendingLoginRegistry";

	private static final String SESSION_REPOSITORY = "org.springframework.session.ReactiveSessionRepository";

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
	 * Runs an app, as {@link #run(Class, String[])}. With
	 * {@code --bench.store=memory|redis} (default {@code memory}) its {@link Store}, and
	 * with {@code --bench.cluster.ports=<port>,<port>,...} several instances of it in this
	 * JVM, one on each port, each its own Spring context with its own redirect URI and
	 * Reactor Netty resources (see {@link #ownNettyResources}); then {@value #READY} is
	 * printed once, when all of them serve requests.
	 * @param application the {@code @SpringBootApplication} class
	 * @param args the command-line arguments
	 * @param withoutStarter whether to exclude every auto-configuration of the AltsCodex
	 * starter (found in the imports files, so that new ones are excluded too)
	 */
	public static void run(Class<?> application, String[] args, boolean withoutStarter) {
		printReady(application, args, withoutStarter, start(application, args, withoutStarter));
	}

	/**
	 * Starts an app as {@link #run(Class, String[], boolean)} does, without printing
	 * {@value #READY}.
	 * @return its context, or one per instance with {@code bench.cluster.ports}
	 */
	static List<ConfigurableApplicationContext> start(Class<?> application, String[] args, boolean withoutStarter) {
		List<Integer> ports = clusterPorts(argument(args, CLUSTER_PORTS_PROPERTY, ""));
		if (ports.isEmpty()) {
			return List.of(application(application, args, withoutStarter, null).run(args));
		}
		List<ConfigurableApplicationContext> contexts = new ArrayList<>();
		try {
			for (int i = 0; i < ports.size(); i++) {
				String[] instanceArgs = instanceArguments(args, ports.get(i), i + 1);
				contexts.add(application(application, instanceArgs, withoutStarter, BenchServers::ownNettyResources)
					.run(instanceArgs));
			}
		}
		catch (RuntimeException ex) {
			contexts.forEach(ConfigurableApplicationContext::close);
			throw ex;
		}
		return contexts;
	}

	private static SpringApplication application(Class<?> application, String[] args, boolean withoutStarter,
			@Nullable ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
		Variant variant = variant(args);
		Security security = security(args);
		Authorization authorization = authorization(args, security);
		Store store = store(args);
		SpringApplication app = new SpringApplication(application);
		Set<String> excluded = excludedAutoConfigurations(variant, security, store, withoutStarter,
				BenchServers.class.getClassLoader());
		app.setDefaultProperties(defaults(security, authorization, store, argument(args, Store.KEY_PREFIX_PROPERTY,
				"bench:"), excluded));
		if (initializer != null) {
			app.addInitializers(initializer);
		}
		return app;
	}

	private static void printReady(Class<?> application, String[] args, boolean withoutStarter,
			List<ConfigurableApplicationContext> contexts) {
		Security security = security(args);
		Store store = store(args);
		ConfigurableApplicationContext context = contexts.get(0);
		Set<String> excluded = excludedAutoConfigurations(variant(args), security, store, withoutStarter,
				BenchServers.class.getClassLoader());
		String ports = contexts.stream()
			.map((each) -> each.getEnvironment().getProperty("local.server.port", "?"))
			.collect(Collectors.joining(","));
		System.out.println(READY + " app=" + application.getSimpleName() + " variant=" + variant(args).propertyValue()
				+ " security=" + security.propertyValue() + " authorization="
				+ authorization(args, security).propertyValue() + " store=" + store.propertyValue() + " port=" + ports
				+ " instances=" + contexts.size() + " excludedAutoConfigurations=" + excluded.size()
				+ " webFilterChainProxy=" + (context.getBeanNamesForType(WebFilterChainProxy.class).length > 0)
				+ " pendingLoginRegistry=" + beanTypes(context, PENDING_LOGIN_REGISTRY) + " sessions="
				+ beanTypes(context, SESSION_REPOSITORY) + " nativeTransport="
				+ (LoopResources.DEFAULT_NATIVE && LoopResources.hasNativeSupport()));
		System.out.flush();
	}

	/**
	 * The simple names of the beans of a type, by the type's name so that an app without
	 * the type still starts; {@code none} when there is none.
	 */
	static String beanTypes(ConfigurableApplicationContext context, String typeName) {
		Class<?> type;
		try {
			type = Class.forName(typeName, false, BenchServers.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			return "none";
		}
		String names = Arrays.stream(context.getBeanNamesForType(type))
			.map((name) -> context.getBean(name).getClass().getSimpleName())
			.sorted()
			.collect(Collectors.joining("+"));
		return names.isEmpty() ? "none" : names;
	}

	/**
	 * The ports of {@code bench.cluster.ports}, none when it is empty.
	 */
	static List<Integer> clusterPorts(String value) {
		return value.isBlank() ? List.of()
				: Arrays.stream(value.split(",")).map(String::strip).map(Integer::valueOf).toList();
	}

	/**
	 * The arguments of the instance on {@code port}: the app's, with that port, its own
	 * redirect URI (the callback endpoint's path of the app's) and its own instance id.
	 */
	static String[] instanceArguments(String[] args, int port, int number) {
		List<String> instance = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith("--server.port=")) {
				continue;
			}
			if (arg.startsWith("--altscodex.redirect-uri=")) {
				URI redirectUri = URI.create(arg.substring("--altscodex.redirect-uri=".length()));
				instance.add("--altscodex.redirect-uri=" + redirectUri.getScheme() + "://" + redirectUri.getHost() + ":"
						+ port + redirectUri.getRawPath());
				continue;
			}
			instance.add(arg);
		}
		instance.add("--server.port=" + port);
		instance.add("--altscodex.pending.redis.instance-id=bench-instance-" + number);
		instance.add("--spring.application.name=bench-instance-" + number);
		return instance.toArray(String[]::new);
	}

	/*
	 * Instances in one JVM would share Reactor Netty's global event loops and connection
	 * pools, which the first one to stop disposes of under the others' feet; each gets
	 * its own, as separate processes would have.
	 */
	private static void ownNettyResources(ConfigurableApplicationContext context) {
		((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
			ReactorResourceFactory resources = new ReactorResourceFactory();
			resources.setUseGlobalResources(false);
			return resources;
		});
	}

	private static Variant variant(String[] args) {
		return Variant.of(argument(args, "bench.variant", Variant.OBSERVED.propertyValue()));
	}

	private static Security security(String[] args) {
		return Security.of(argument(args, SECURITY_PROPERTY, Security.NONE.propertyValue()));
	}

	private static Store store(String[] args) {
		return Store.of(argument(args, STORE_PROPERTY, Store.MEMORY.propertyValue()));
	}

	private static Authorization authorization(String[] args, Security security) {
		Authorization authorization = Authorization
			.of(argument(args, AUTHORIZATION_PROPERTY, Authorization.NONE.propertyValue()));
		if (authorization != Authorization.NONE && security != Security.STARTER) {
			// its chain is the starter's, with an anonymous endpoint added
			throw new IllegalArgumentException(AUTHORIZATION_PROPERTY + "=" + authorization.propertyValue() + " needs "
					+ SECURITY_PROPERTY + "=" + Security.STARTER.propertyValue());
		}
		return authorization;
	}

	/**
	 * The auto-configurations an app in memory ({@link Store#MEMORY}) excludes, as
	 * {@link #excludedAutoConfigurations(Variant, Security, Store, boolean, ClassLoader)}.
	 */
	static Set<String> excludedAutoConfigurations(Variant variant, Security security, boolean withoutStarter,
			ClassLoader classLoader) {
		return excludedAutoConfigurations(variant, security, Store.MEMORY, withoutStarter, classLoader);
	}

	/**
	 * The auto-configurations an app excludes: the variant's (metrics and observation for
	 * {@link Variant#PLAIN}), the security setting's (every security auto-configuration
	 * for {@link Security#NONE}), the store's (every Redis and Spring Session
	 * auto-configuration for {@link Store#MEMORY}) and, for the app without the starter,
	 * the starter's.
	 */
	static Set<String> excludedAutoConfigurations(Variant variant, Security security, Store store,
			boolean withoutStarter, ClassLoader classLoader) {
		Set<String> excluded = new TreeSet<>(variant.excludedAutoConfigurations(classLoader));
		excluded.addAll(security.excludedAutoConfigurations(classLoader));
		excluded.addAll(store.excludedAutoConfigurations(classLoader));
		if (withoutStarter) {
			excluded.addAll(Variant.starterAutoConfigurations(classLoader));
		}
		return excluded;
	}

	/**
	 * The properties every app in memory ({@link Store#MEMORY}) gets unless its command
	 * line says otherwise.
	 */
	static Map<String, Object> defaults(Security security, Authorization authorization, Set<String> excluded) {
		return defaults(security, authorization, Store.MEMORY, "", excluded);
	}

	/**
	 * The properties every app gets unless its command line says otherwise.
	 */
	static Map<String, Object> defaults(Security security, Authorization authorization, Store store, String keyPrefix,
			Set<String> excluded) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("server.address", "127.0.0.1");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("management.endpoints.web.exposure.include", "health,prometheus");
		if (security == Security.FORM_LOGIN) {
			// Spring Security's own chain: the starter's sign-in stays out of it
			defaults.put("altscodex.security.enabled", "false");
		}
		defaults.putAll(authorization.defaults());
		defaults.putAll(store.defaults(keyPrefix));
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
