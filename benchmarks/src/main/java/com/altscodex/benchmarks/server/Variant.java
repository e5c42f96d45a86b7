package com.altscodex.benchmarks.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * How an app under load is started: as a production app ({@link #OBSERVED}: Boot's
 * metrics and observation active, Prometheus registry) or without them ({@link #PLAIN}).
 */
public enum Variant {

	/** Spring Boot's metrics and observation auto-configurations active, as in production. */
	OBSERVED,

	/** Every metrics and observation auto-configuration excluded. */
	PLAIN;

	private static final String IMPORTS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	/**
	 * The value of the {@code bench.variant} property, e.g. {@code observed}.
	 */
	public String propertyValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Variant of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

	/**
	 * The auto-configurations the variant excludes. For {@link #PLAIN}: every
	 * auto-configuration on the classpath whose name says metrics or observation (Boot's
	 * Micrometer modules, WebFlux and WebClient observation, and any observation
	 * auto-configuration a starter adds later), found in the imports files rather than
	 * listed by name, so that the variant stays plain when new ones appear.
	 */
	public Set<String> excludedAutoConfigurations(ClassLoader classLoader) {
		return (this == OBSERVED) ? new TreeSet<>() : autoConfigurations(classLoader, Variant::isMetricsOrObservation);
	}

	/**
	 * Every auto-configuration of the AltsCodex starter on the classpath, whatever it is
	 * named, for the app that runs without the starter.
	 */
	public static Set<String> starterAutoConfigurations(ClassLoader classLoader) {
		return autoConfigurations(classLoader, (name) -> name.startsWith("com.altscodex.spring."));
	}

	/**
	 * The auto-configurations on the classpath that {@code matching} accepts, read from
	 * every {@code AutoConfiguration.imports} file.
	 */
	static Set<String> autoConfigurations(ClassLoader classLoader, Predicate<String> matching) {
		Set<String> excluded = new TreeSet<>();
		try {
			Enumeration<URL> imports = classLoader.getResources(IMPORTS);
			while (imports.hasMoreElements()) {
				try (InputStream in = imports.nextElement().openStream()) {
					for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
						String name = line.strip();
						if (!name.isEmpty() && !name.startsWith("#") && matching.test(name)) {
							excluded.add(name);
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return excluded;
	}

	static boolean isMetricsOrObservation(String autoConfiguration) {
		String simpleName = autoConfiguration.substring(autoConfiguration.lastIndexOf('.') + 1);
		return autoConfiguration.contains(".micrometer.") || simpleName.contains("Observation")
				|| simpleName.contains("Metrics") || simpleName.contains("Tracing");
	}

}
