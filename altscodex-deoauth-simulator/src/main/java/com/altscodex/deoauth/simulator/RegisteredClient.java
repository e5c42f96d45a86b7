package com.altscodex.deoauth.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * An OAuth client the simulator knows: its credentials, the redirect URIs it may use and
 * the web origins, besides those of its redirect URIs, that the login popup may post a
 * JWT to. A redirect-URI entry may contain {@code *}, which matches any run of characters
 * (e.g. {@code http://127.0.0.1:*}{@code /login/altscodex}); {@code *} alone allows any
 * URI.
 */
final class RegisteredClient {

	private final String id;

	private final byte[] secret;

	private final List<String> allowedRedirectUris;

	private final List<Pattern> patterns;

	private final List<WebOrigin> trustedOrigins;

	RegisteredClient(String id, String secret, String... allowedRedirectUris) {
		Objects.requireNonNull(id, "clientId cannot be null");
		Objects.requireNonNull(secret, "clientSecret cannot be null");
		if (id.isEmpty()) {
			throw new IllegalArgumentException("clientId must not be empty");
		}
		this.id = id;
		this.secret = secret.getBytes(StandardCharsets.UTF_8);
		this.allowedRedirectUris = List.of(allowedRedirectUris);
		this.patterns = this.allowedRedirectUris.stream().map(RegisteredClient::glob).toList();
		this.trustedOrigins = List.of();
	}

	private RegisteredClient(RegisteredClient client, List<WebOrigin> trustedOrigins) {
		this.id = client.id;
		this.secret = client.secret;
		this.allowedRedirectUris = client.allowedRedirectUris;
		this.patterns = client.patterns;
		this.trustedOrigins = trustedOrigins;
	}

	private static Pattern glob(String uri) {
		return Pattern.compile(Arrays.stream(uri.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
	}

	String id() {
		return this.id;
	}

	boolean allows(@Nullable String redirectUri) {
		if (redirectUri == null || redirectUri.isEmpty()) {
			return false;
		}
		for (Pattern pattern : this.patterns) {
			if (pattern.matcher(redirectUri).matches()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * This client, trusting more origins besides those it already trusts.
	 */
	RegisteredClient withTrustedOrigins(Collection<WebOrigin> origins) {
		List<WebOrigin> trusted = new ArrayList<>(this.trustedOrigins);
		for (WebOrigin origin : origins) {
			if (!trusted.contains(origin)) {
				trusted.add(origin);
			}
		}
		return new RegisteredClient(this, List.copyOf(trusted));
	}

	/**
	 * Whether the login popup may post a JWT to an origin that is not the origin of the
	 * redirect URI it was opened for.
	 */
	boolean trusts(WebOrigin origin) {
		return this.trustedOrigins.contains(origin);
	}

	boolean secretMatches(@Nullable String candidate) {
		return candidate != null && MessageDigest.isEqual(this.secret, candidate.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "RegisteredClient[id=" + this.id + ", allowedRedirectUris=" + this.allowedRedirectUris
				+ ", trustedOrigins=" + this.trustedOrigins + "]";
	}

}
