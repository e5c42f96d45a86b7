package com.altscodex.deoauth.simulator;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The origin of a web page, {@code scheme://host[:port]}, in the form browsers give to
 * {@code window.location.origin} and compare {@code postMessage} target origins with:
 * scheme and host in lower case, the default port left out.
 * <p>
 * Only {@code http} and {@code https} URLs have an origin here, and only when they name
 * no user info: a redirect-URI pattern such as {@code http://127.0.0.1:*}{@code /cb}
 * also matches {@code http://127.0.0.1:1@evil.example/cb}, whose host is
 * {@code evil.example}, so such a URL must never lend its origin to anything.
 *
 * @param scheme {@code http} or {@code https}
 * @param host the host, in lower case; an IPv6 address in brackets
 * @param port the port, {@code -1} for the scheme's default
 */
record WebOrigin(String scheme, String host, int port) {

	/**
	 * The origin of a URL, or {@code null} when it has none: not an absolute
	 * {@code http}/{@code https} URL with a host, or one with user info.
	 */
	static @Nullable WebOrigin of(@Nullable String url) {
		if (url == null || url.isEmpty()) {
			return null;
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return null;
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!"http".equals(scheme) && !"https".equals(scheme)) {
			return null;
		}
		// a registry-based authority (no parsable host) has no origin either
		if (uri.getRawUserInfo() != null || uri.getHost() == null || uri.getHost().isEmpty()) {
			return null;
		}
		int port = uri.getPort();
		if (port == defaultPort(scheme)) {
			port = -1;
		}
		return new WebOrigin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
	}

	/**
	 * Parses a serialized origin such as {@code http://localhost:5173}: a URL with no
	 * path (or just {@code /}), query or fragment.
	 * @throws IllegalArgumentException when the text is not such an origin
	 */
	static WebOrigin parse(String origin) {
		WebOrigin parsed = parseOrNull(origin);
		if (parsed == null) {
			throw new IllegalArgumentException("'" + origin
					+ "' is not a web origin: expected scheme://host[:port] with http or https, e.g. http://localhost:5173");
		}
		return parsed;
	}

	/**
	 * Like {@link #parse(String)}, but {@code null} for text that is not an origin.
	 */
	static @Nullable WebOrigin parseOrNull(@Nullable String origin) {
		WebOrigin parsed = of(origin);
		if (parsed == null) {
			return null;
		}
		URI uri = URI.create(origin);
		boolean bare = (uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")) && uri.getRawQuery() == null
				&& uri.getRawFragment() == null;
		return bare ? parsed : null;
	}

	private static int defaultPort(String scheme) {
		return "https".equals(scheme) ? 443 : 80;
	}

	@Override
	public String toString() {
		return this.scheme + "://" + this.host + ((this.port != -1) ? ":" + this.port : "");
	}

}
