package com.altscodex.spring.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

import com.altscodex.spring.client.ClientRegistration;
import com.altscodex.spring.client.DeOAuthHttpSettings;

/**
 * Maps {@link AltsCodexProperties} to the library's registrations, checking every value
 * first so that a mistake fails start-up with the property's name and the fix.
 */
final class ClientRegistrationMapper {

	private static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

	private static final String PREFIX = "altscodex";

	private ClientRegistrationMapper() {
	}

	private static boolean hasTopLevelClient(AltsCodexProperties properties) {
		return properties.getClientId() != null || properties.getClientSecret() != null
				|| properties.getRedirectUri() != null;
	}

	static List<ClientRegistration> registrations(AltsCodexProperties properties) {
		List<ClientRegistration> registrations = new ArrayList<>();
		if (hasTopLevelClient(properties)) {
			registrations.add(registration(AltsCodexProperties.DEFAULT_CLIENT_NAME, PREFIX, properties.getClientId(),
					properties.getClientSecret(), properties.getRedirectUri(), properties.getAuthServerUrl(),
					properties.getPlatformUrl(), properties.getTimeout(), properties.getCallbackPath(),
					properties.getMaxPendingLogins()));
		}
		for (Map.Entry<String, AltsCodexProperties.Client> entry : properties.getClients().entrySet()) {
			String name = entry.getKey();
			AltsCodexProperties.Client client = entry.getValue();
			String prefix = PREFIX + ".clients." + name;
			if (!CLIENT_NAME.matcher(name).matches()) {
				throw new InvalidAltsCodexPropertyException(prefix, "Client name '" + name
						+ "' may hold only letters, digits, '-' and '_'.", "Rename the entry under 'altscodex.clients'.");
			}
			if (AltsCodexProperties.DEFAULT_CLIENT_NAME.equals(name) && hasTopLevelClient(properties)) {
				throw new InvalidAltsCodexPropertyException(prefix, "Client name 'default' is taken by the client "
						+ "configured with 'altscodex.client-id'.", "Rename 'altscodex.clients.default'.");
			}
			registrations.add(registration(name, prefix, client.getClientId(), client.getClientSecret(),
					client.getRedirectUri(), orDefault(client.getAuthServerUrl(), properties.getAuthServerUrl()),
					orDefault(client.getPlatformUrl(), properties.getPlatformUrl()),
					orDefault(client.getTimeout(), properties.getTimeout()), client.getCallbackPath(),
					orDefault(client.getMaxPendingLogins(), properties.getMaxPendingLogins())));
		}
		return registrations;
	}

	private static <T> T orDefault(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	private static ClientRegistration registration(String name, String prefix, @Nullable String clientId,
			@Nullable String clientSecret, @Nullable String redirectUri, String authServerUrl, String platformUrl,
			Duration timeout, @Nullable String callbackPath, int maxPendingLogins) {
		String subject = "client '" + name + "'";
		requireText(prefix + ".client-id", clientId, "Client id of " + subject,
				"the client id AltsCodex issued for this application");
		requireText(prefix + ".client-secret", clientSecret, "Client secret of " + subject,
				"the client secret AltsCodex issued with the client id (from an environment variable such as "
						+ envName(prefix + ".client-secret") + ", not from a committed file)");
		requireText(prefix + ".redirect-uri", redirectUri, "Redirect URI of " + subject,
				"the redirect URI registered with AltsCodex, for example https://app.example.com/login/altscodex");
		requireHttpUrl(prefix + ".redirect-uri", redirectUri, "Redirect URI of " + subject);
		requireHttpUrl(prefix + ".auth-server-url", authServerUrl, "DeOAuth API URL of " + subject);
		requireHttpUrl(prefix + ".platform-url", platformUrl, "Platform URL of " + subject);
		if (timeout == null || timeout.isZero() || timeout.isNegative()) {
			throw new InvalidAltsCodexPropertyException(prefix + ".timeout",
					"Login timeout of " + subject + " must be positive.",
					"Set '" + prefix + ".timeout' to a positive duration such as 15s.");
		}
		if (callbackPath != null && (!callbackPath.startsWith("/") || callbackPath.contains("?")
				|| callbackPath.contains("#"))) {
			throw new InvalidAltsCodexPropertyException(prefix + ".callback-path",
					"Callback path of " + subject + " must be a path starting with '/'.",
					"Set '" + prefix + ".callback-path' to a path such as /login/altscodex, or remove it to use "
							+ "the path of the redirect URI.");
		}
		if (maxPendingLogins <= 0) {
			throw new InvalidAltsCodexPropertyException(prefix + ".max-pending-logins",
					"Most pending logins of " + subject + " must be positive.",
					"Set '" + prefix + ".max-pending-logins' to the most logins that may wait for their callback at "
							+ "once, such as 10000, or remove it for the default.");
		}
		return ClientRegistration.withName(name)
			.clientId(clientId)
			.clientSecret(clientSecret)
			.redirectUri(redirectUri)
			.authServerUrl(authServerUrl)
			.platformUrl(platformUrl)
			.timeout(timeout)
			.callbackPath(callbackPath)
			.maxPendingLogins(maxPendingLogins)
			.build();
	}

	private static void requireText(String property, @Nullable String value, String what, String expected) {
		if (!StringUtils.hasText(value)) {
			throw new InvalidAltsCodexPropertyException(property, what + " must not be empty.",
					"Set '" + property + "' to " + expected + ".");
		}
	}

	private static void requireHttpUrl(String property, @Nullable String value, String what) {
		String problem = urlProblem(value);
		if (problem != null) {
			throw new InvalidAltsCodexPropertyException(property, what + " " + problem + ".",
					"Set '" + property + "' to an absolute http or https URL such as https://app.example.com/path.");
		}
	}

	private static @Nullable String urlProblem(@Nullable String value) {
		if (!StringUtils.hasText(value)) {
			return "must not be empty";
		}
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			return "is not a valid URL";
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!"http".equals(scheme) && !"https".equals(scheme)) {
			return "must use http or https";
		}
		if (uri.getHost() == null) {
			return "has no host";
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			return "must not have a query or a fragment";
		}
		return null;
	}

	private static String envName(String property) {
		return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
	}

	static DeOAuthHttpSettings httpSettings(AltsCodexProperties.Http http) {
		requirePositive("altscodex.http.connect-timeout", http.getConnectTimeout());
		requirePositive("altscodex.http.response-timeout", http.getResponseTimeout());
		requirePositive("altscodex.http.pending-acquire-timeout", http.getPendingAcquireTimeout());
		long maxResponseSize = (http.getMaxResponseSize() != null) ? http.getMaxResponseSize().toBytes() : 0;
		if (maxResponseSize <= 0 || maxResponseSize > Integer.MAX_VALUE) {
			throw new InvalidAltsCodexPropertyException("altscodex.http.max-response-size",
					"Largest DeOAuth answer must be between 1 byte and 2 GB.",
					"Set 'altscodex.http.max-response-size' to a size such as 256KB.");
		}
		requirePositive("altscodex.http.max-connections", http.getMaxConnections());
		requirePositive("altscodex.http.max-pending-acquires", http.getMaxPendingAcquires());
		return new DeOAuthHttpSettings(http.getConnectTimeout(), http.getResponseTimeout(), (int) maxResponseSize,
				http.getMaxConnections(), http.getMaxPendingAcquires(), http.getPendingAcquireTimeout());
	}

	private static void requirePositive(String property, @Nullable Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new InvalidAltsCodexPropertyException(property, "'" + property + "' must be a positive duration.",
					"Set '" + property + "' to a positive duration such as 5s.");
		}
	}

	private static void requirePositive(String property, int value) {
		if (value <= 0) {
			throw new InvalidAltsCodexPropertyException(property, "'" + property + "' must be positive.",
					"Set '" + property + "' to a positive number.");
		}
	}

}
