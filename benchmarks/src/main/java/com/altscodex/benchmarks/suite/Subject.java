package com.altscodex.benchmarks.suite;

import java.util.List;

import com.altscodex.benchmarks.app.BenchApp;
import com.altscodex.benchmarks.bare.BareApp;
import com.altscodex.benchmarks.server.Variant;

/**
 * An app the suite puts under load.
 */
enum Subject {

	/** The ceiling: a bare WebClient without the starter, metrics and observation off. */
	BARE("bare", "bare WebClient (ceiling)", BareApp.class, Variant.PLAIN, "bare"),

	/** The app on the starter, metrics and observation off. */
	PLAIN("plain", "starter, plain", BenchApp.class, Variant.PLAIN, "altscodex"),

	/** The app on the starter as in production: Boot's metrics and observation on. */
	OBSERVED("observed", "starter, observed", BenchApp.class, Variant.OBSERVED, "altscodex"),

	/**
	 * The ceiling of the observed app: the bare WebClient with Boot's metrics and
	 * observation on, as the observed app has them. Measured in the load stage only.
	 */
	BARE_OBSERVED("bare-observed", "bare WebClient, observed (ceiling)", BareApp.class, Variant.OBSERVED, "bare");

	final String key;

	final String label;

	final Class<?> mainClass;

	final Variant variant;

	final String propertyPrefix;

	Subject(String key, String label, Class<?> mainClass, Variant variant, String propertyPrefix) {
		this.key = key;
		this.label = label;
		this.mainClass = mainClass;
		this.variant = variant;
		this.propertyPrefix = propertyPrefix;
	}

	boolean isStarter() {
		return this == PLAIN || this == OBSERVED;
	}

	/**
	 * The app whose throughput this one is compared with: the bare WebClient with the
	 * same metrics and observation.
	 */
	Subject ceiling() {
		return (this.variant == Variant.OBSERVED) ? BARE_OBSERVED : BARE;
	}

	/**
	 * The apps every stage measures; the load stage adds {@link #BARE_OBSERVED}.
	 */
	static List<Subject> measured() {
		return List.of(BARE, PLAIN, OBSERVED);
	}

	static Subject of(String key) {
		for (Subject subject : values()) {
			if (subject.key.equals(key)) {
				return subject;
			}
		}
		throw new IllegalArgumentException(key);
	}

}
