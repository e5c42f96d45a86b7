package com.altscodex.benchmarks.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import reactor.netty.resources.LoopResources;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Starts an app under load with the bench's defaults and its {@link Variant}, and
 * prints {@value #READY} on standard output once it serves requests, for the
 * orchestrator that waits for it.
 */
public final class BenchServers {

	/** The line an app prints once it is ready. */
	public static final String READY = "BENCH-READY";

	private BenchServers() {
	}

	/**
	 * Runs an app. {@code --bench.variant=observed|plain} (default {@code observed})
	 * selects the variant; every other argument is a Spring Boot property as usual.
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
		Variant variant = Variant.OBSERVED;
		for (String arg : args) {
			if (arg.startsWith("--bench.variant=")) {
				variant = Variant.of(arg.substring("--bench.variant=".length()));
			}
		}
		SpringApplication app = new SpringApplication(application);
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("server.address", "127.0.0.1");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("management.endpoints.web.exposure.include", "health,prometheus");
		ClassLoader classLoader = BenchServers.class.getClassLoader();
		Set<String> excluded = new TreeSet<>(variant.excludedAutoConfigurations(classLoader));
		if (withoutStarter) {
			excluded.addAll(Variant.starterAutoConfigurations(classLoader));
		}
		if (!excluded.isEmpty()) {
			defaults.put("spring.autoconfigure.exclude", String.join(",", excluded));
		}
		app.setDefaultProperties(defaults);
		Variant started = variant;
		app.addListeners((ApplicationListener<ApplicationReadyEvent>) (event) -> {
			String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "?");
			System.out.println(READY + " app=" + application.getSimpleName() + " variant=" + started.propertyValue()
					+ " port=" + port + " excludedAutoConfigurations=" + excluded.size() + " nativeTransport="
					+ (LoopResources.DEFAULT_NATIVE && LoopResources.hasNativeSupport()));
			System.out.flush();
		});
		app.run(args);
	}

}
