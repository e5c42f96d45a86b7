package com.altscodex.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for signing in with AltsCodex DeOAuth.
 * <p>
 * The top-level client ({@code altscodex.client-id} and friends) is registered under
 * the name {@code default}; {@code altscodex.clients.<name>.*} registers more clients.
 * Server URLs and the timeout of a named client default to the top-level values.
 */
@ConfigurationProperties("altscodex")
public class AltsCodexProperties {

	/**
	 * Name under which the top-level client is registered.
	 */
	public static final String DEFAULT_CLIENT_NAME = "default";

	/**
	 * Client id issued by AltsCodex for this application.
	 */
	private @Nullable String clientId;

	/**
	 * Client secret issued by AltsCodex; sent only in the Basic credentials of the code
	 * exchange, and never logged or shown.
	 */
	private @Nullable String clientSecret;

	/**
	 * Redirect URI registered with AltsCodex; DeOAuth POSTs its callback there.
	 */
	private @Nullable String redirectUri;

	/**
	 * Base URL of the DeOAuth API that the backend calls.
	 */
	private String authServerUrl = "https://api.altscodex.com";

	/**
	 * Base URL of the AltsCodex platform that serves the browser's login page.
	 */
	private String platformUrl = "https://altscodex.com";

	/**
	 * How long a login waits for the DeOAuth callback.
	 */
	private Duration timeout = Duration.ofSeconds(15);

	/**
	 * Path of the generated callback endpoint. Defaults to the path of the redirect
	 * URI.
	 */
	private @Nullable String callbackPath;

	/**
	 * Most logins of a client that may wait for their callback at once; a login beyond
	 * it is answered 503 with Retry-After at once, and nothing is sent to DeOAuth.
	 */
	private int maxPendingLogins = 10_000;

	/**
	 * HTTP client settings for the calls to DeOAuth.
	 */
	private final Http http = new Http();

	/**
	 * More client registrations by name, for applications that sign in with several
	 * clients (for example one per tenant).
	 */
	private final Map<String, Client> clients = new LinkedHashMap<>();

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public @Nullable String getRedirectUri() {
		return this.redirectUri;
	}

	public void setRedirectUri(@Nullable String redirectUri) {
		this.redirectUri = redirectUri;
	}

	public String getAuthServerUrl() {
		return this.authServerUrl;
	}

	public void setAuthServerUrl(String authServerUrl) {
		this.authServerUrl = authServerUrl;
	}

	public String getPlatformUrl() {
		return this.platformUrl;
	}

	public void setPlatformUrl(String platformUrl) {
		this.platformUrl = platformUrl;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public @Nullable String getCallbackPath() {
		return this.callbackPath;
	}

	public void setCallbackPath(@Nullable String callbackPath) {
		this.callbackPath = callbackPath;
	}

	public int getMaxPendingLogins() {
		return this.maxPendingLogins;
	}

	public void setMaxPendingLogins(int maxPendingLogins) {
		this.maxPendingLogins = maxPendingLogins;
	}

	public Http getHttp() {
		return this.http;
	}

	public Map<String, Client> getClients() {
		return this.clients;
	}

	@Override
	public String toString() {
		return "AltsCodexProperties[clientId=" + this.clientId + ", clientSecret="
				+ ((this.clientSecret != null) ? "******" : null) + ", clients=" + this.clients.keySet() + "]";
	}

	/**
	 * One named client registration.
	 */
	public static class Client {

		/**
		 * Client id issued by AltsCodex.
		 */
		private @Nullable String clientId;

		/**
		 * Client secret issued by AltsCodex; never logged or shown.
		 */
		private @Nullable String clientSecret;

		/**
		 * Redirect URI registered with AltsCodex for this client.
		 */
		private @Nullable String redirectUri;

		/**
		 * Base URL of the DeOAuth API. Defaults to 'altscodex.auth-server-url'.
		 */
		private @Nullable String authServerUrl;

		/**
		 * Base URL of the AltsCodex platform. Defaults to 'altscodex.platform-url'.
		 */
		private @Nullable String platformUrl;

		/**
		 * How long a login waits for the callback. Defaults to 'altscodex.timeout'.
		 */
		private @Nullable Duration timeout;

		/**
		 * Path of this client's callback endpoint. Defaults to the path of its redirect
		 * URI.
		 */
		private @Nullable String callbackPath;

		/**
		 * Most logins of this client that may wait for their callback at once. Defaults
		 * to 'altscodex.max-pending-logins'.
		 */
		private @Nullable Integer maxPendingLogins;

		public @Nullable String getClientId() {
			return this.clientId;
		}

		public void setClientId(@Nullable String clientId) {
			this.clientId = clientId;
		}

		public @Nullable String getClientSecret() {
			return this.clientSecret;
		}

		public void setClientSecret(@Nullable String clientSecret) {
			this.clientSecret = clientSecret;
		}

		public @Nullable String getRedirectUri() {
			return this.redirectUri;
		}

		public void setRedirectUri(@Nullable String redirectUri) {
			this.redirectUri = redirectUri;
		}

		public @Nullable String getAuthServerUrl() {
			return this.authServerUrl;
		}

		public void setAuthServerUrl(@Nullable String authServerUrl) {
			this.authServerUrl = authServerUrl;
		}

		public @Nullable String getPlatformUrl() {
			return this.platformUrl;
		}

		public void setPlatformUrl(@Nullable String platformUrl) {
			this.platformUrl = platformUrl;
		}

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable String getCallbackPath() {
			return this.callbackPath;
		}

		public void setCallbackPath(@Nullable String callbackPath) {
			this.callbackPath = callbackPath;
		}

		public @Nullable Integer getMaxPendingLogins() {
			return this.maxPendingLogins;
		}

		public void setMaxPendingLogins(@Nullable Integer maxPendingLogins) {
			this.maxPendingLogins = maxPendingLogins;
		}

		@Override
		public String toString() {
			return "Client[clientId=" + this.clientId + ", clientSecret="
					+ ((this.clientSecret != null) ? "******" : null) + "]";
		}

	}

	/**
	 * HTTP client settings for the calls to DeOAuth, shared by all clients.
	 */
	public static class Http {

		/**
		 * How long to wait for a TCP connection to DeOAuth.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * How long to wait for DeOAuth's answer once a request is sent.
		 */
		private Duration responseTimeout = Duration.ofSeconds(10);

		/**
		 * Largest answer body accepted from DeOAuth; a larger one fails the call.
		 */
		private DataSize maxResponseSize = DataSize.ofKilobytes(256);

		/**
		 * Most connections open to DeOAuth at once.
		 */
		private int maxConnections = 500;

		/**
		 * Most requests waiting for a pooled connection; beyond it new calls are
		 * refused. Size it for the largest burst of simultaneous logins.
		 */
		private int maxPendingAcquires = 20000;

		/**
		 * How long a request may wait for a pooled connection.
		 */
		private Duration pendingAcquireTimeout = Duration.ofSeconds(15);

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getResponseTimeout() {
			return this.responseTimeout;
		}

		public void setResponseTimeout(Duration responseTimeout) {
			this.responseTimeout = responseTimeout;
		}

		public DataSize getMaxResponseSize() {
			return this.maxResponseSize;
		}

		public void setMaxResponseSize(DataSize maxResponseSize) {
			this.maxResponseSize = maxResponseSize;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public int getMaxPendingAcquires() {
			return this.maxPendingAcquires;
		}

		public void setMaxPendingAcquires(int maxPendingAcquires) {
			this.maxPendingAcquires = maxPendingAcquires;
		}

		public Duration getPendingAcquireTimeout() {
			return this.pendingAcquireTimeout;
		}

		public void setPendingAcquireTimeout(Duration pendingAcquireTimeout) {
			this.pendingAcquireTimeout = pendingAcquireTimeout;
		}

	}

}
