package com.altscodex.spring.pat.web;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.altscodex.spring.client.AltsCodexException;
import com.altscodex.spring.client.FailureKind;
import com.altscodex.spring.pat.PersonalAccessToken;
import com.altscodex.spring.pat.ReactivePersonalAccessTokenService;
import com.altscodex.spring.rbac.PermissionSet;
import com.altscodex.spring.rbac.ReactiveRoleService;
import com.altscodex.spring.security.AltsCodexAuthenticationToken;
import com.altscodex.spring.web.ServerJsonBodyReader;

/**
 * The endpoints through which a user signed in with AltsCodex manages their own
 * personal access tokens, under a base path ({@code /api/tokens} by default):
 * <ul>
 * <li>{@code GET} lists their live tokens, without the raw tokens;</li>
 * <li>{@code POST} {@code {"name": "ci", "scopes": ["reports:read"], "expires_at": "2027-01-01T00:00:00Z"}}
 * creates one ({@code expires_at} optional) and answers {@code 201} with its metadata
 * and, this once, the raw {@code token}; scopes must be permissions the user holds
 * now;</li>
 * <li>{@code DELETE /{id}} revokes one of theirs: {@code 204} whether it was live,
 * revoked before, or not theirs, which tells nobody whose ids exist;</li>
 * <li>{@code DELETE} revokes all of theirs: {@code {"revoked": n}}.</li>
 * </ul>
 * Only a session's user may: a request authenticated by a token is refused
 * ({@code 403}), so a leaked token cannot mint others. Failures are
 * {@code application/problem+json}.
 */
public final class PersonalAccessTokenRoutes {

	/** The largest request body read. */
	public static final int MAX_BODY_BYTES = 8 * 1024;

	private final ReactivePersonalAccessTokenService tokenService;

	private final ReactiveRoleService roleService;

	private final ServerJsonBodyReader bodyReader;

	/**
	 * Creates the endpoints.
	 * @param tokenService keeps the tokens
	 * @param roleService knows what users hold
	 * @param bodyReader reads request bodies
	 */
	public PersonalAccessTokenRoutes(ReactivePersonalAccessTokenService tokenService, ReactiveRoleService roleService,
			ServerJsonBodyReader bodyReader) {
		Assert.notNull(tokenService, "tokenService cannot be null");
		Assert.notNull(roleService, "roleService cannot be null");
		Assert.notNull(bodyReader, "bodyReader cannot be null");
		this.tokenService = tokenService;
		this.roleService = roleService;
		this.bodyReader = bodyReader;
	}

	/**
	 * The routes, under a base path.
	 * @param basePath the base path, such as {@code /api/tokens}
	 * @return the router function
	 */
	public RouterFunction<ServerResponse> routes(String basePath) {
		Assert.isTrue(basePath.startsWith("/") && !basePath.endsWith("/"),
				"basePath must start with '/' and not end with it");
		return RouterFunctions.route()
			.GET(basePath, this::list)
			.POST(basePath, this::create)
			.DELETE(basePath, this::revokeAll)
			.DELETE(basePath + "/{id}", this::revoke)
			.build();
	}

	private Mono<ServerResponse> list(ServerRequest request) {
		return owner().flatMap((owner) -> this.tokenService.findLiveTokens(owner)
			.map(PersonalAccessTokenView::of)
			.collectList()
			.flatMap((tokens) -> ok(Map.of("tokens", tokens))));
	}

	private Mono<ServerResponse> create(ServerRequest request) {
		return owner().flatMap((owner) -> this.bodyReader.readObject(request.exchange().getRequest(), MAX_BODY_BYTES)
			.map(TokenRequest::of)
			.flatMap((wanted) -> this.roleService.loadAuthorizations(owner).flatMap((held) -> {
				if (!held.permissions().impliesAll(wanted.scopes())) {
					return Mono.error(new AltsCodexException(FailureKind.SCOPE_NOT_HELD,
							"Refused a token with scopes its owner does not hold", null));
				}
				return this.tokenService.create(owner, wanted.name(), wanted.scopes(), wanted.expiresAt());
			}))
			.flatMap((created) -> ServerResponse
				.created(URI.create(request.path() + "/" + created.token().id()))
				.contentType(MediaType.APPLICATION_JSON)
				.cacheControl(CacheControl.noStore())
				.bodyValue(PersonalAccessTokenView.of(created))));
	}

	private Mono<ServerResponse> revoke(ServerRequest request) {
		String id = request.pathVariable("id");
		return owner().flatMap((owner) -> this.tokenService.revoke(owner, id))
			.then(ServerResponse.noContent().build());
	}

	private Mono<ServerResponse> revokeAll(ServerRequest request) {
		return owner().flatMap(this.tokenService::revokeAll).flatMap((revoked) -> ok(Map.of("revoked", revoked)));
	}

	private static Mono<ServerResponse> ok(Object body) {
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.bodyValue(body);
	}

	// the slot id of the session's user; a token's bearer may not manage tokens
	private static Mono<String> owner() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter(Authentication::isAuthenticated)
			.switchIfEmpty(Mono.error(() -> new AltsCodexException(FailureKind.NOT_SIGNED_IN, "Not signed in", null)))
			.flatMap((authentication) -> (authentication instanceof AltsCodexAuthenticationToken token)
					? Mono.just(token.getPrincipal().getId())
					: Mono.error(new AltsCodexException(FailureKind.ACCESS_DENIED,
							"Tokens are managed by a signed-in user only", null)));
	}

	/**
	 * A request to create a token.
	 */
	private record TokenRequest(String name, List<String> scopes, @Nullable Instant expiresAt) {

		static TokenRequest of(JsonNode body) {
			JsonNode name = body.get("name");
			if (name == null || !name.isString()) {
				throw invalid("'name' must be a string");
			}
			PersonalAccessToken.checkName(name.stringValue());
			JsonNode scopes = body.get("scopes");
			if (scopes == null || !scopes.isArray() || scopes.isEmpty() || scopes.size() > PersonalAccessToken.MAX_SCOPES) {
				throw invalid("'scopes' must be an array of 1 to " + PersonalAccessToken.MAX_SCOPES + " permissions");
			}
			List<String> values = new ArrayList<>(scopes.size());
			for (JsonNode scope : scopes) {
				if (!scope.isString()) {
					throw invalid("each scope must be a string");
				}
				values.add(scope.stringValue());
			}
			PermissionSet.of(values);
			JsonNode expiresAt = body.get("expires_at");
			Instant expiry = null;
			if (expiresAt != null && !expiresAt.isNull()) {
				if (!expiresAt.isString()) {
					throw invalid("'expires_at' must be an ISO-8601 instant");
				}
				try {
					expiry = Instant.parse(expiresAt.stringValue());
				}
				catch (DateTimeParseException ex) {
					throw invalid("'expires_at' must be an ISO-8601 instant");
				}
			}
			return new TokenRequest(name.stringValue(), List.copyOf(new LinkedHashSet<>(values)), expiry);
		}

		private static AltsCodexException invalid(String what) {
			return new AltsCodexException(FailureKind.INVALID_REQUEST, "Refused a token request: " + what, null);
		}

	}

}
