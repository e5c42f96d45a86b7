package com.altscodex.spring.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * One client registered with AltsCodex DeOAuth: its credentials, its redirect URI and
 * the servers it talks to.
 * <p>
 * The client secret is held privately: there is no accessor, and {@link #toString()}
 * masks it.
 */
public final class ClientRegistration {

	/** Production DeOAuth API. */
	public static final String DEFAULT_AUTH_SERVER_URL = "https://api.altscodex.com";

	/** Production platform (the browser's login page). */
	public static final String DEFAULT_PLATFORM_URL = "https://altscodex.com";

	/** How long a login waits for its callback unless told otherwise. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

	/** How many logins of a client may wait for their callback at once unless told otherwise. */
	public static final int DEFAULT_MAX_PENDING_LOGINS = 10_000;

	private final String name;

	private final String clientId;

	private final String clientSecret;

	private final String redirectUri;

	private final String authServerUrl;

	private final String platformUrl;

	private final Duration timeout;

	private final String callbackPath;

	private final int maxPendingLogins;

	private final HttpCredential basicCredential;

	private ClientRegistration(Builder builder) {
		this.name = builder.name;
		this.clientId = requireText(builder.clientId, "clientId");
		this.clientSecret = requireText(builder.clientSecret, "clientSecret");
		this.redirectUri = requireHttpUrl(builder.redirectUri, "redirectUri");
		this.authServerUrl = stripTrailingSlash(requireHttpUrl(builder.authServerUrl, "authServerUrl"));
		this.platformUrl = stripTrailingSlash(requireHttpUrl(builder.platformUrl, "platformUrl"));
		Assert.isTrue(!builder.timeout.isNegative() && !builder.timeout.isZero(), "timeout must be positive");
		this.timeout = builder.timeout;
		this.callbackPath = (builder.callbackPath != null) ? builder.callbackPath : pathOf(this.redirectUri);
		Assert.isTrue(this.callbackPath.startsWith("/"), "callbackPath must start with '/'");
		Assert.isTrue(builder.maxPendingLogins > 0, "maxPendingLogins must be positive");
		this.maxPendingLogins = builder.maxPendingLogins;
		this.basicCredential = HttpCredential.of("Basic " + Base64.getEncoder()
			.encodeToString((this.clientId + ":" + this.clientSecret).getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Starts a registration with the given name, by which the client is known in the
	 * application (for example {@code default} or {@code shop}).
	 * @param name the registration name
	 * @return a builder
	 */
	public static Builder withName(String name) {
		return new Builder(name);
	}

	private static String requireText(@Nullable String value, String field) {
		Assert.isTrue(StringUtils.hasText(value), () -> field + " must not be empty");
		return value;
	}

	private static String requireHttpUrl(@Nullable String value, String field) {
		requireText(value, field);
		URI uri;
		try {
			uri = URI.create(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(field + " is not a valid URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		Assert.isTrue(("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null,
				() -> field + " must be an absolute http or https URL");
		Assert.isTrue(uri.getRawQuery() == null && uri.getRawFragment() == null,
				() -> field + " must not have a query or a fragment");
		return value;
	}

	private static String stripTrailingSlash(String url) {
		String result = url;
		while (result.endsWith("/")) {
			result = result.substring(0, result.length() - 1);
		}
		return result;
	}

	private static String pathOf(String url) {
		String path = URI.create(url).getPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

	/**
	 * The name by which the application knows this client.
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * The client id AltsCodex issued.
	 */
	public String getClientId() {
		return this.clientId;
	}

	/**
	 * The redirect URI DeOAuth calls back.
	 */
	public String getRedirectUri() {
		return this.redirectUri;
	}

	/**
	 * The DeOAuth API base URL, without a trailing slash.
	 */
	public String getAuthServerUrl() {
		return this.authServerUrl;
	}

	/**
	 * The platform base URL (login page), without a trailing slash.
	 */
	public String getPlatformUrl() {
		return this.platformUrl;
	}

	/**
	 * How long a login waits for its callback.
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * The path the callback endpoint answers on.
	 */
	public String getCallbackPath() {
		return this.callbackPath;
	}

	/**
	 * How many logins of this client may wait for their callback at once; a login
	 * beyond it fails at once with {@link TooManyPendingLoginsException}.
	 */
	public int getMaxPendingLogins() {
		return this.maxPendingLogins;
	}

	HttpCredential basicCredential() {
		return this.basicCredential;
	}

	String clientSecret() {
		return this.clientSecret;
	}

	@Override
	public String toString() {
		return "ClientRegistration[name=" + this.name + ", clientId=" + this.clientId + ", clientSecret="
				+ Masking.MASK + ", redirectUri=" + this.redirectUri + ", authServerUrl=" + this.authServerUrl
				+ ", platformUrl=" + this.platformUrl + ", timeout=" + this.timeout + ", callbackPath="
				+ this.callbackPath + ", maxPendingLogins=" + this.maxPendingLogins + "]";
	}

	/**
	 * Builds a {@link ClientRegistration}.
	 */
	public static final class Builder {

		private final String name;

		private @Nullable String clientId;

		private @Nullable String clientSecret;

		private @Nullable String redirectUri;

		private String authServerUrl = DEFAULT_AUTH_SERVER_URL;

		private String platformUrl = DEFAULT_PLATFORM_URL;

		private Duration timeout = DEFAULT_TIMEOUT;

		private @Nullable String callbackPath;

		private int maxPendingLogins = DEFAULT_MAX_PENDING_LOGINS;

		private Builder(String name) {
			Assert.hasText(name, "name must not be empty");
			this.name = name;
		}

		public Builder clientId(String clientId) {
			this.clientId = clientId;
			return this;
		}

		public Builder clientSecret(String clientSecret) {
			this.clientSecret = clientSecret;
			return this;
		}

		public Builder redirectUri(String redirectUri) {
			this.redirectUri = redirectUri;
			return this;
		}

		public Builder authServerUrl(String authServerUrl) {
			this.authServerUrl = authServerUrl;
			return this;
		}

		public Builder platformUrl(String platformUrl) {
			this.platformUrl = platformUrl;
			return this;
		}

		public Builder timeout(Duration timeout) {
			Assert.notNull(timeout, "timeout cannot be null");
			this.timeout = timeout;
			return this;
		}

		/**
		 * Sets the callback endpoint's path; by default the path of the redirect URI.
		 * @param callbackPath a path starting with {@code /}
		 * @return this builder
		 */
		public Builder callbackPath(@Nullable String callbackPath) {
			this.callbackPath = callbackPath;
			return this;
		}

		/**
		 * Sets how many logins of the client may wait for their callback at once;
		 * {@value ClientRegistration#DEFAULT_MAX_PENDING_LOGINS} by default.
		 * @param maxPendingLogins a positive number
		 * @return this builder
		 */
		public Builder maxPendingLogins(int maxPendingLogins) {
			this.maxPendingLogins = maxPendingLogins;
			return this;
		}

		/**
		 * Builds the registration.
		 * @return the registration
		 * @throws IllegalArgumentException when a value is missing or malformed
		 */
		public ClientRegistration build() {
			return new ClientRegistration(this);
		}

		@Override
		public String toString() {
			return "ClientRegistration.Builder[name=" + this.name + ", clientId=" + this.clientId + "]";
		}

	}

}
