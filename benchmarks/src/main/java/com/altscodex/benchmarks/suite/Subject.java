package com.altscodex.benchmarks.suite;

import java.util.List;

import com.altscodex.benchmarks.app.BenchApp;
import com.altscodex.benchmarks.bare.BareApp;
import com.altscodex.benchmarks.server.Security;
import com.altscodex.benchmarks.server.Store;
import com.altscodex.benchmarks.server.Variant;

/**
 * An app the suite puts under load.
 */
enum Subject {

	/** The ceiling: a bare WebClient without the starter, metrics and observation off. */
	BARE("bare", "bare WebClient (ceiling)", BareApp.class, Variant.PLAIN, "bare", Security.NONE),

	/** The app on the starter, metrics and observation off. */
	PLAIN("plain", "starter, plain", BenchApp.class, Variant.PLAIN, "altscodex", Security.NONE),

	/** The app on the starter as in production: Boot's metrics and observation on. */
	OBSERVED("observed", "starter, observed", BenchApp.class, Variant.OBSERVED, "altscodex", Security.NONE),

	/**
	 * The ceiling of the observed app: the bare WebClient with Boot's metrics and
	 * observation on, as the observed app has them. Measured in the load stage only.
	 */
	BARE_OBSERVED("bare-observed", "bare WebClient, observed (ceiling)", BareApp.class, Variant.OBSERVED, "bare",
			Security.NONE),

	/**
	 * The plain app with Spring Security and the starter's default chain: sign-in through
	 * the chain's {@code POST /login}, a session per user. Measured in the security stage
	 * only.
	 */
	SECURED("secured", "starter's default chain", BenchApp.class, Variant.PLAIN, "altscodex", Security.STARTER),

	/**
	 * The plain app with Spring Security's own form login instead of the starter's chain.
	 * Measured in the security stage only.
	 */
	FORM_LOGIN("form-login", "Spring Security form login", BenchApp.class, Variant.PLAIN, "altscodex",
			Security.FORM_LOGIN),

	/**
	 * Requests without any credential to the endpoint open to anyone, through the
	 * starter's chain with roles and tokens on: the reference of {@link #PAT}, in the
	 * same app. Measured in the authz stage only.
	 */
	ANONYMOUS("anonymous", "anonymous requests", BenchApp.class, Variant.PLAIN, "altscodex", Security.STARTER),

	/**
	 * Requests with a personal access token each to the endpoint guarded by
	 * {@code @PreAuthorize}, through the same app and chain as {@link #ANONYMOUS}.
	 * Measured in the authz stage only.
	 */
	PAT("pat", "personal access tokens", BenchApp.class, Variant.PLAIN, "altscodex", Security.STARTER),

	/**
	 * Signed-in sessions on the endpoint guarded by {@code @PreAuthorize}, the permission
	 * from a role: roles and tokens on, as the starter has them. Measured in the authz
	 * stage only.
	 */
	RBAC("rbac", "sessions with RBAC", BenchApp.class, Variant.PLAIN, "altscodex", Security.STARTER),

	/**
	 * The same sessions and endpoint with roles and tokens off, the permission from the
	 * app's user service: the reference of {@link #RBAC}. Measured in the authz stage
	 * only.
	 */
	WITHOUT_RBAC("without-rbac", "sessions without RBAC", BenchApp.class, Variant.PLAIN, "altscodex",
			Security.STARTER),

	/**
	 * Several instances of the plain app, pending logins in each instance's memory, each
	 * callback on the login's own instance: the reference of {@link #CLUSTER_REDIS}.
	 * Measured in the cluster stage only.
	 */
	CLUSTER_MEMORY("memory", "pending logins in memory", BenchApp.class, Variant.PLAIN, "altscodex", Security.NONE,
			Store.MEMORY),

	/**
	 * The same instances with their pending logins on Redis, each callback on another
	 * instance than the login's. Measured in the cluster stage only.
	 */
	CLUSTER_REDIS("redis", "pending logins on Redis", BenchApp.class, Variant.PLAIN, "altscodex", Security.NONE,
			Store.REDIS),

	/**
	 * Several instances of the plain app with the starter's chain, sessions in each
	 * instance's memory: the reference of {@link #REDIS_SESSIONS}. Measured in the
	 * cluster stage only.
	 */
	MEMORY_SESSIONS("memory-sessions", "in-memory sessions", BenchApp.class, Variant.PLAIN, "altscodex",
			Security.STARTER, Store.MEMORY),

	/**
	 * The same instances with Spring Session's Redis sessions (and pending logins on
	 * Redis). Measured in the cluster stage only.
	 */
	REDIS_SESSIONS("redis-sessions", "Redis sessions", BenchApp.class, Variant.PLAIN, "altscodex", Security.STARTER,
			Store.REDIS);

	final String key;

	final String label;

	final Class<?> mainClass;

	final Variant variant;

	final String propertyPrefix;

	final Security security;

	final Store store;

	Subject(String key, String label, Class<?> mainClass, Variant variant, String propertyPrefix, Security security) {
		this(key, label, mainClass, variant, propertyPrefix, security, Store.MEMORY);
	}

	Subject(String key, String label, Class<?> mainClass, Variant variant, String propertyPrefix, Security security,
			Store store) {
		this.key = key;
		this.label = label;
		this.mainClass = mainClass;
		this.variant = variant;
		this.propertyPrefix = propertyPrefix;
		this.security = security;
		this.store = store;
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
	 * The apps of the load stage: those every stage measures and {@link #BARE_OBSERVED}.
	 */
	static List<Subject> loadStage() {
		return List.of(BARE, PLAIN, OBSERVED, BARE_OBSERVED);
	}

	/**
	 * The apps every stage but the security stage measures; the load stage adds
	 * {@link #BARE_OBSERVED}.
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
