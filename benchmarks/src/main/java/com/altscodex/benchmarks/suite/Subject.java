package com.altscodex.benchmarks.suite;

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
	OBSERVED("observed", "starter, observed", BenchApp.class, Variant.OBSERVED, "altscodex");

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
		return this != BARE;
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
