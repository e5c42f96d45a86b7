package com.altscodex.benchmarks.server;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which authorization an app of the authz stage runs with ({@code --bench.authorization}),
 * on top of the starter's chain ({@link Security#STARTER}): every such app adds
 * {@link AuthorizationBenchConfiguration}, whose endpoint {@code GET /bench/reports}
 * needs the permission {@value #PERMISSION}. Every other app runs with {@link #NONE}, the
 * default, and gets nothing of it.
 */
public enum Authorization {

	/** Not an app of the authz stage: no bench configuration of it, the starter's defaults. */
	NONE,

	/**
	 * Roles and personal access tokens on, as the starter has them by default: the role
	 * {@value #ROLE} grants {@value #PERMISSION}, and the users the suite names in
	 * {@code altscodex.rbac.bootstrap.reader} hold it; a token, when the app mints them,
	 * carries that one scope.
	 */
	RBAC,

	/**
	 * Roles and tokens off ({@code altscodex.rbac.enabled=false}): every user gets
	 * {@value #PERMISSION} from the app's {@code AltsCodexUserService} when signing in, as
	 * an app without roles would decide it.
	 */
	WITHOUT_RBAC;

	/** The role that grants {@link #PERMISSION} with {@link #RBAC}. */
	public static final String ROLE = "reader";

	/** The permission the guarded endpoint needs, and the scope of every token. */
	public static final String PERMISSION = "reports:read";

	/** The property of the slot ids that hold {@link #ROLE}, seeded by the starter at start-up. */
	public static final String BOOTSTRAP_PROPERTY = "altscodex.rbac.bootstrap." + ROLE;

	/**
	 * The value of the {@code bench.authorization} property, e.g. {@code without-rbac}.
	 */
	public String propertyValue() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	public static Authorization of(String value) {
		for (Authorization authorization : values()) {
			if (authorization.propertyValue().equals(value)) {
				return authorization;
			}
		}
		throw new IllegalArgumentException("bench.authorization is none, rbac or without-rbac, not " + value);
	}

	/**
	 * The properties this setting gives the app unless its command line says otherwise:
	 * the role's permission, or RBAC and tokens off.
	 */
	Map<String, Object> defaults() {
		Map<String, Object> defaults = new LinkedHashMap<>();
		switch (this) {
			case RBAC -> defaults.put("altscodex.rbac.roles." + ROLE + ".permissions", PERMISSION);
			case WITHOUT_RBAC -> defaults.put("altscodex.rbac.enabled", "false");
			case NONE -> {
			}
		}
		return defaults;
	}

}
