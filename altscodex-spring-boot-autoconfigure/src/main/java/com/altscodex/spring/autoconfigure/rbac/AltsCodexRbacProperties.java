package com.altscodex.spring.autoconfigure.rbac;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

import com.altscodex.spring.autoconfigure.InvalidAltsCodexPropertyException;
import com.altscodex.spring.rbac.Permission;
import com.altscodex.spring.rbac.Role;

/**
 * Configuration properties of roles and permissions.
 */
@ConfigurationProperties("altscodex.rbac")
public class AltsCodexRbacProperties implements InitializingBean {

	/**
	 * Whether to keep roles and permissions in the database and give signed-in users
	 * the authorities of their roles.
	 */
	private boolean enabled = true;

	/**
	 * Roles to create at start-up, if missing, by name, with the permissions and
	 * inclusions they must have. Only adds: what was granted at run time stays.
	 */
	private final Map<String, RoleDefinition> roles = new LinkedHashMap<>();

	/**
	 * Users (slot ids) to give a role at start-up, by role name.
	 */
	private final Map<String, List<String>> bootstrap = new LinkedHashMap<>();

	private final Cache cache = new Cache();

	private final Api api = new Api();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, RoleDefinition> getRoles() {
		return this.roles;
	}

	public Map<String, List<String>> getBootstrap() {
		return this.bootstrap;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Api getApi() {
		return this.api;
	}

	@Override
	public void afterPropertiesSet() {
		this.roles.forEach((name, role) -> {
			checkRoleName(name, "altscodex.rbac.roles." + name);
			for (String permission : role.getPermissions()) {
				if (!Permission.isValid(permission)) {
					String property = "altscodex.rbac.roles." + name + ".permissions";
					throw new InvalidAltsCodexPropertyException(property,
							"Property '" + property + "' holds '" + permission + "', which is not a permission.",
							"Write permissions as parts separated by ':', each lower-case letters, digits, '_', '-', '.' or '*', such as 'reports:read'.");
				}
			}
			for (String included : role.getIncludes()) {
				checkRoleName(included, "altscodex.rbac.roles." + name + ".includes");
			}
		});
		this.bootstrap.forEach((name, slotIds) -> checkRoleName(name, "altscodex.rbac.bootstrap." + name));
		if (this.cache.getTimeToLive().isNegative()) {
			throw new InvalidAltsCodexPropertyException("altscodex.rbac.cache.time-to-live",
					"Property 'altscodex.rbac.cache.time-to-live' must not be negative.",
					"Set 'altscodex.rbac.cache.time-to-live' to a duration such as 10s, or 0 to look roles up on every request.");
		}
		if (!Permission.isValid(this.api.getPermission())) {
			throw new InvalidAltsCodexPropertyException("altscodex.rbac.api.permission",
					"Property 'altscodex.rbac.api.permission' is not a permission: '" + this.api.getPermission() + "'.",
					"Set 'altscodex.rbac.api.permission' to a permission such as 'rbac:admin'.");
		}
		checkPath(this.api.getPath(), "altscodex.rbac.api.path");
	}

	private static void checkRoleName(String name, String property) {
		try {
			Role.checkName(name);
		}
		catch (RuntimeException ex) {
			throw new InvalidAltsCodexPropertyException(property,
					"Property '" + property + "' names a role '" + name + "', which is not a role name.",
					"Name roles with a letter, then letters, digits, '_' or '-', 64 characters at most.");
		}
	}

	static void checkPath(String path, String property) {
		if (path == null || !path.startsWith("/") || path.endsWith("/")) {
			throw new InvalidAltsCodexPropertyException(property,
					"Property '" + property + "' must start with '/' and not end with it: '" + path + "'.",
					"Set '" + property + "' to a path such as '/api/admin/rbac'.");
		}
	}

	/**
	 * A role declared in configuration.
	 */
	public static class RoleDefinition {

		/**
		 * What the role is for.
		 */
		private @Nullable String description;

		/**
		 * Permissions the role must have, wildcards such as 'reports:*' or '*' included.
		 */
		private List<String> permissions = new ArrayList<>();

		/**
		 * Roles the role must include: its holders get their permissions and roles too.
		 */
		private List<String> includes = new ArrayList<>();

		public @Nullable String getDescription() {
			return this.description;
		}

		public void setDescription(@Nullable String description) {
			this.description = description;
		}

		public List<String> getPermissions() {
			return this.permissions;
		}

		public void setPermissions(List<String> permissions) {
			this.permissions = permissions;
		}

		public List<String> getIncludes() {
			return this.includes;
		}

		public void setIncludes(List<String> includes) {
			this.includes = includes;
		}

	}

	/**
	 * The cache of users' roles and permissions.
	 */
	public static class Cache {

		/**
		 * How long a user's roles and permissions are kept before they are looked up
		 * again; a change made on this instance is seen at once.
		 */
		private Duration timeToLive = Duration.ofSeconds(10);

		/**
		 * Most users whose roles are kept.
		 */
		private long maximumSize = 10_000;

		public Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

		public long getMaximumSize() {
			return this.maximumSize;
		}

		public void setMaximumSize(long maximumSize) {
			this.maximumSize = maximumSize;
		}

	}

	/**
	 * The endpoints that manage roles.
	 */
	public static class Api {

		/**
		 * Whether to serve the endpoints that manage roles, grants and assignments and
		 * read the audit log.
		 */
		private boolean enabled;

		/**
		 * Base path of the endpoints that manage roles.
		 */
		private String path = "/api/admin/rbac";

		/**
		 * Permission a user must hold to use the endpoints that manage roles.
		 */
		private String permission = "rbac:admin";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public String getPermission() {
			return this.permission;
		}

		public void setPermission(String permission) {
			this.permission = permission;
		}

	}

}
