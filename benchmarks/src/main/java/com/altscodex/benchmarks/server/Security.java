package com.altscodex.benchmarks.server;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which Spring Security an app under load runs with ({@code --bench.security}). Spring
 * Security is on the module's classpath for the security stage, and Spring Boot's
 * security auto-configurations would then apply to every app on it: every other app runs
 * with {@link #NONE}, the default, so that its figures stay those of an app without
 * Spring Security.
 */
public enum Security {

	/**
	 * No Spring Security: every auto-configuration of Spring Boot's security module and
	 * the starter's security auto-configuration excluded (found in the imports files, so
	 * that new ones are excluded too), so that the app has no {@code WebFilterChainProxy}.
	 */
	NONE,

	/**
	 * The starter's default chain, as an app that adds {@code spring-boot-starter-security}
	 * gets it: every request needs a signed-in user except the sign-in endpoints; the
	 * popup sign-in {@code POST /login} with {@code {"jwt": ".."}} and CSRF, the session in
	 * the in-memory {@code WebSession}.
	 */
	STARTER,

	/**
	 * Spring Security's own session-based chain instead of the starter's: form login with
	 * an in-memory user ({@code formLogin()}, Spring Security's defaults otherwise), the
	 * starter's security part off ({@code altscodex.security.enabled=false}).
	 */
	FORM_LOGIN;

	/** The user the {@link #FORM_LOGIN} app signs in. */
	public static final String FORM_LOGIN_USER = "bench";

	/** The password of {@link #FORM_LOGIN_USER}. */
	public static final String FORM_LOGIN_PASSWORD = "bench-password";

	private static final String BOOT_SECURITY = "org.springframework.boot.security.autoconfigure.";

	private static final String STARTER_SECURITY = "com.altscodex.spring.autoconfigure.security.";

	/**
	 * The value of the {@code bench.security} property, e.g. {@code form-login}.
	 */
	public String propertyValue() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	public static Security of(String value) {
		for (Security security : values()) {
			if (security.propertyValue().equals(value)) {
				return security;
			}
		}
		throw new IllegalArgumentException("bench.security is none, starter or form-login, not " + value);
	}

	/**
	 * The auto-configurations this setting excludes: for {@link #NONE} every security
	 * auto-configuration on the classpath (Spring Boot's and the starter's), none
	 * otherwise.
	 */
	public Set<String> excludedAutoConfigurations(ClassLoader classLoader) {
		return (this == NONE) ? Variant.autoConfigurations(classLoader, Security::isSecurity) : new TreeSet<>();
	}

	static boolean isSecurity(String autoConfiguration) {
		return autoConfiguration.startsWith(BOOT_SECURITY) || autoConfiguration.startsWith(STARTER_SECURITY);
	}

}
