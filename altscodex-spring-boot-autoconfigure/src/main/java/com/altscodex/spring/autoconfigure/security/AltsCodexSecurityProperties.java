package com.altscodex.spring.autoconfigure.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

import com.altscodex.spring.autoconfigure.InvalidAltsCodexPropertyException;

/**
 * Configuration properties for signing in with AltsCodex on Spring Security.
 */
@ConfigurationProperties("altscodex.security")
public class AltsCodexSecurityProperties implements InitializingBean {

	/**
	 * Whether to sign users in with AltsCodex on Spring Security, when it is on the
	 * classpath.
	 */
	private boolean enabled = true;

	/**
	 * Name of the client registration that the sign-in endpoints use. Defaults to the
	 * top-level client, else the first named one.
	 */
	private @Nullable String client;

	/**
	 * Path of the popup sign-in: a POST of the browser's JWT as {"jwt": "..."}.
	 */
	private String loginPath = "/login";

	/**
	 * Path that starts a redirect sign-in; followed by '/<name>', with a named client.
	 */
	private String redirectLoginPath = "/login/altscodex";

	/**
	 * Path of sign-out (POST).
	 */
	private String logoutPath = "/logout";

	/**
	 * Path that answers the signed-in user (GET), or 401.
	 */
	private String mePath = "/me";

	/**
	 * Where a redirect sign-in ends when the user was not on the way to another page.
	 */
	private String successUrl = "/";

	/**
	 * Where a failed redirect sign-in sends the browser, with the problem type as the
	 * 'error' query parameter. When not set, the failure is answered with its status and
	 * application/problem+json.
	 */
	private @Nullable String failureUrl;

	/**
	 * Where a browser navigation that needs a signed-in user is sent. Defaults to the
	 * redirect sign-in's path.
	 */
	private @Nullable String signInPage;

	/**
	 * How long the state of a redirect sign-in is accepted.
	 */
	private Duration stateTimeToLive = Duration.ofMinutes(10);

	/**
	 * How long sign-out lets DeOAuth's logout run, in the background, before giving it
	 * up.
	 */
	private Duration deoauthLogoutTimeout = Duration.ofSeconds(5);

	/**
	 * Most sessions a user may have at once; signing in beyond it ends the user's least
	 * recently used session. When not set, there is no limit.
	 */
	private @Nullable Integer maxSessionsPerUser;

	/**
	 * Limit on sign-in attempts per client address.
	 */
	private final RateLimit rateLimit = new RateLimit();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getClient() {
		return this.client;
	}

	public void setClient(@Nullable String client) {
		this.client = client;
	}

	public String getLoginPath() {
		return this.loginPath;
	}

	public void setLoginPath(String loginPath) {
		this.loginPath = loginPath;
	}

	public String getRedirectLoginPath() {
		return this.redirectLoginPath;
	}

	public void setRedirectLoginPath(String redirectLoginPath) {
		this.redirectLoginPath = redirectLoginPath;
	}

	public String getLogoutPath() {
		return this.logoutPath;
	}

	public void setLogoutPath(String logoutPath) {
		this.logoutPath = logoutPath;
	}

	public String getMePath() {
		return this.mePath;
	}

	public void setMePath(String mePath) {
		this.mePath = mePath;
	}

	public String getSuccessUrl() {
		return this.successUrl;
	}

	public void setSuccessUrl(String successUrl) {
		this.successUrl = successUrl;
	}

	public @Nullable String getFailureUrl() {
		return this.failureUrl;
	}

	public void setFailureUrl(@Nullable String failureUrl) {
		this.failureUrl = failureUrl;
	}

	public @Nullable String getSignInPage() {
		return this.signInPage;
	}

	public void setSignInPage(@Nullable String signInPage) {
		this.signInPage = signInPage;
	}

	public Duration getStateTimeToLive() {
		return this.stateTimeToLive;
	}

	public void setStateTimeToLive(Duration stateTimeToLive) {
		this.stateTimeToLive = stateTimeToLive;
	}

	public Duration getDeoauthLogoutTimeout() {
		return this.deoauthLogoutTimeout;
	}

	public void setDeoauthLogoutTimeout(Duration deoauthLogoutTimeout) {
		this.deoauthLogoutTimeout = deoauthLogoutTimeout;
	}

	public @Nullable Integer getMaxSessionsPerUser() {
		return this.maxSessionsPerUser;
	}

	public void setMaxSessionsPerUser(@Nullable Integer maxSessionsPerUser) {
		this.maxSessionsPerUser = maxSessionsPerUser;
	}

	public RateLimit getRateLimit() {
		return this.rateLimit;
	}

	@Override
	public void afterPropertiesSet() {
		path("login-path", this.loginPath);
		path("redirect-login-path", this.redirectLoginPath);
		path("logout-path", this.logoutPath);
		path("me-path", this.mePath);
		positive("state-time-to-live", this.stateTimeToLive);
		positive("deoauth-logout-timeout", this.deoauthLogoutTimeout);
		if (this.rateLimit.capacity < 1) {
			throw invalid("rate-limit.capacity", "must be at least 1, was " + this.rateLimit.capacity,
					"a burst of sign-in attempts per client address, such as 20");
		}
		if (this.rateLimit.refillTokens < 1) {
			throw invalid("rate-limit.refill-tokens", "must be at least 1, was " + this.rateLimit.refillTokens,
					"the attempts given back every refill period, such as 1");
		}
		positive("rate-limit.refill-period", this.rateLimit.refillPeriod);
		if (this.maxSessionsPerUser != null && this.maxSessionsPerUser < 1) {
			throw invalid("max-sessions-per-user", "must be at least 1, was " + this.maxSessionsPerUser,
					"the most sessions a user may have at once, such as 3, or remove it for no limit");
		}
		if (this.rateLimit.maxClients < 1) {
			throw invalid("rate-limit.max-clients", "must be at least 1, was " + this.rateLimit.maxClients,
					"the most client addresses tracked at once, such as 100000");
		}
	}

	private static void path(String name, @Nullable String value) {
		if (value == null || !value.startsWith("/")) {
			throw invalid(name, "must be a path starting with '/', was '" + value + "'", "a path such as '/login'");
		}
	}

	private static void positive(String name, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw invalid(name, "must be positive, was " + value, "a positive duration such as '10m' or '5s'");
		}
	}

	private static InvalidAltsCodexPropertyException invalid(String name, String problem, String what) {
		String property = "altscodex.security." + name;
		return new InvalidAltsCodexPropertyException(property, "Property '" + property + "' " + problem + ".",
				"Set '" + property + "' to " + what + ".");
	}

	/**
	 * Limit on sign-in attempts per client address: a token bucket per address.
	 */
	public static class RateLimit {

		/**
		 * Whether to limit sign-in attempts per client address; beyond the limit an
		 * attempt is answered 429 with Retry-After, and nothing is sent to DeOAuth.
		 */
		private boolean enabled = true;

		/**
		 * Sign-in attempts a client address may make at once (the bucket's size).
		 */
		private long capacity = 20;

		/**
		 * Sign-in attempts given back to an address every refill period.
		 */
		private long refillTokens = 1;

		/**
		 * Period after which an address gets refill-tokens attempts back.
		 */
		private Duration refillPeriod = Duration.ofSeconds(1);

		/**
		 * Most client addresses tracked at once; beyond it, addresses whose bucket is full
		 * again are forgotten first.
		 */
		private int maxClients = 100_000;

		/**
		 * Where the buckets are kept: 'memory' (each instance limits on its own) or
		 * 'redis' (one limit for every instance; needs Spring Data Redis on Lettuce and
		 * bucket4j_jdk17-lettuce). Defaults to altscodex.pending.store, else memory.
		 */
		private @Nullable String store;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public long getCapacity() {
			return this.capacity;
		}

		public void setCapacity(long capacity) {
			this.capacity = capacity;
		}

		public long getRefillTokens() {
			return this.refillTokens;
		}

		public void setRefillTokens(long refillTokens) {
			this.refillTokens = refillTokens;
		}

		public Duration getRefillPeriod() {
			return this.refillPeriod;
		}

		public void setRefillPeriod(Duration refillPeriod) {
			this.refillPeriod = refillPeriod;
		}

		public int getMaxClients() {
			return this.maxClients;
		}

		public void setMaxClients(int maxClients) {
			this.maxClients = maxClients;
		}

		public @Nullable String getStore() {
			return this.store;
		}

		public void setStore(@Nullable String store) {
			this.store = store;
		}

	}

}
