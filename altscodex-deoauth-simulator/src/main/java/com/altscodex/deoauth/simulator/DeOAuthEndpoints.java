package com.altscodex.deoauth.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import com.altscodex.deoauth.simulator.JwtCodec.Status;
import com.altscodex.deoauth.simulator.JwtCodec.Verification;
import com.altscodex.deoauth.simulator.LoginPage.Popup;
import com.altscodex.deoauth.simulator.SimulatorBehavior.AuthorizeFailure;
import com.altscodex.deoauth.simulator.SimulatorBehavior.RawAnswer;

/**
 * The HTTP endpoints of the simulated DeOAuth server and platform login page.
 */
final class DeOAuthEndpoints {

	static final String AUTHORIZE_PATH = "/v1/oauth-meta/authorize";

	static final String GET_TOKEN_PATH = "/v1/oauth-meta/get_token";

	static final String REFRESH_PATH = "/oauth/token/refresh";

	static final String LOGOUT_PATH = "/oauth/logout";

	static final String LOGIN_PATH = "/oauth/login";

	static final String LOGIN_CHOOSE_PATH = "/oauth/login/choose";

	static final String LOGIN_CANCEL_PATH = "/oauth/login/cancel";

	static final String LOGIN_JWT_PATH = "/oauth/login/jwt";

	// the login page's JWTs with SimulatorBehavior#expiredJwts: expired a minute ago
	static final Duration EXPIRED_JWT_TTL = Duration.ofMinutes(-1);

	private static final Logger logger = LoggerFactory.getLogger(DeOAuthEndpoints.class);

	private final Simulation simulation;

	private final CallbackSender callbacks;

	private final Mono<Void> shutdown;

	DeOAuthEndpoints(Simulation simulation, CallbackSender callbacks, Mono<Void> shutdown) {
		this.simulation = simulation;
		this.callbacks = callbacks;
		this.shutdown = shutdown;
	}

	Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		QueryStringDecoder uri = new QueryStringDecoder(request.uri());
		return request.receive()
			.aggregate()
			.asString(StandardCharsets.UTF_8)
			.defaultIfEmpty("")
			.flatMap((body) -> {
				// read before the request is recorded: what a test sees recorded is answered
				// with the knobs as they were then
				SimulatorBehavior behavior = behavior().snapshot();
				RecordedRequest recorded;
				try {
					recorded = record(request, uri, body);
				}
				catch (IllegalArgumentException ex) {
					// a malformed %-escape in the URI: answer it rather than have Reactor Netty log a 500
					return send(response, json(400, object().put("error", "invalid_request")));
				}
				return route(recorded, response, behavior);
			});
	}

	private RecordedRequest record(HttpServerRequest request, QueryStringDecoder uri, String body) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		request.requestHeaders()
			.forEach((header) -> headers.computeIfAbsent(header.getKey(), (name) -> new ArrayList<>())
				.add(header.getValue()));
		RecordedRequest recorded = new RecordedRequest(request.method().name(), uri.path(), uri.parameters(), headers,
				body, this.simulation.clock().instant());
		this.simulation.requests().add(recorded);
		return recorded;
	}

	private Mono<Void> route(RecordedRequest request, HttpServerResponse response, SimulatorBehavior behavior) {
		return switch (request.method() + " " + request.path()) {
			case "GET " + AUTHORIZE_PATH -> withLatency(behavior, () -> authorize(request, response, behavior));
			case "POST " + GET_TOKEN_PATH -> withLatency(behavior, () -> send(response, getToken(request, behavior)));
			case "POST " + REFRESH_PATH -> withLatency(behavior, () -> send(response, refresh(request)));
			case "POST " + LOGOUT_PATH -> withLatency(behavior, () -> send(response, logout(request)));
			case "GET " + LOGIN_PATH -> send(response, loginPage(request));
			case "GET " + LOGIN_CHOOSE_PATH -> send(response, choose(request));
			case "GET " + LOGIN_CANCEL_PATH -> send(response, cancel(request));
			case "GET " + LOGIN_JWT_PATH -> send(response, loginJwt(request, behavior));
			default -> send(response, json(404, object().put("error", "not_found")));
		};
	}

	private Mono<Void> withLatency(SimulatorBehavior behavior, Supplier<Mono<Void>> answer) {
		Duration latency = behavior.latency();
		return latency.isZero() ? answer.get() : Mono.delay(latency).then(Mono.defer(answer));
	}

	// authorize

	private Mono<Void> authorize(RecordedRequest request, HttpServerResponse response, SimulatorBehavior behavior) {
		RawAnswer raw = behavior.authorizeAnswer();
		if (raw != null) {
			return send(response, Answer.raw(raw.status(), raw.body()));
		}
		AuthorizeFailure failure = behavior.authorizeFailure();
		if (failure != null) {
			return send(response, authorizeFailure(200, failure.code(), failure.msg()));
		}
		String token = bearer(request.header("Authorization"));
		if (token == null) {
			return send(response, authorizeFailure(401, "UNAUTHORIZED", "Missing bearer token"));
		}
		Verification verification = this.simulation.jwt().verify(token, this.simulation.clock().instant());
		if (verification.status() == Status.INVALID) {
			return send(response, authorizeFailure(200, "INVALID_TOKEN", "Invalid token"));
		}
		if (verification.status() == Status.EXPIRED) {
			return send(response, authorizeFailure(200, "EXPIRED_TOKEN", "Token expired"));
		}
		RegisteredClient client = this.simulation.clients().find(request.queryParam("client_id"));
		if (client == null) {
			return send(response, authorizeFailure(200, "AUTHORIZE_ERROR", "Unknown client"));
		}
		String redirectUri = request.queryParam("redirect_uri");
		if (redirectUri == null || !client.allows(redirectUri)) {
			return send(response,
					authorizeFailure(200, "AUTHORIZE_ERROR", "redirect_uri is not registered for this client"));
		}
		if (!"code".equals(request.queryParam("respose_type"))) {
			return send(response, authorizeFailure(200, "AUTHORIZE_ERROR", "respose_type must be code"));
		}
		String state = request.queryParam("state");
		if (state == null || state.isEmpty()) {
			return send(response, authorizeFailure(200, "AUTHORIZE_ERROR", "Missing state"));
		}
		SimulatedUser user = this.simulation.users().user(subject(verification));
		logger.debug("Authorized user {} for client {}", user.id(), client.id());
		return authorized(response, client, redirectUri, state, user, behavior);
	}

	private Mono<Void> authorized(HttpServerResponse response, RegisteredClient client, String redirectUri,
			String state, SimulatedUser user, SimulatorBehavior behavior) {
		Answer answer = json(200, object().put("success", true).put("msg", "authorized"));
		if (behavior.withholdCallback()) {
			return send(response, answer);
		}
		String rejection = behavior.rejectCallback();
		String code;
		String success;
		if (rejection != null) {
			code = rejection;
			success = "0";
		}
		else if (behavior.callbackWithoutCode()) {
			code = null;
			success = "1";
		}
		else {
			code = this.simulation.codes().issue(client.id(), redirectUri, user.id());
			success = "1";
		}
		List<Mono<CallbackAttempt>> sends = new ArrayList<>();
		for (String target : behavior.callbackTargetsOf(redirectUri)) {
			sends.add(this.callbacks.send(target, state, code, success));
			if (behavior.duplicateCallback()) {
				sends.add(this.callbacks.send(target, state, code, success));
			}
		}
		Mono<Void> callback = (sends.size() == 1) ? sends.get(0).then() : Mono.when(sends);
		Duration delay = behavior.callbackDelay();
		if (!delay.isZero()) {
			callback = Mono.delay(delay).then(callback);
		}
		if (behavior.callbackBeforeAuthorizeAnswer()) {
			return callback.then(Mono.defer(() -> send(response, answer)));
		}
		Mono<Void> afterAnswer = callback.takeUntilOther(this.shutdown);
		return send(response, answer).doFinally((signal) -> afterAnswer.subscribe(null,
				(ex) -> logger.debug("Callback failed: {}", ex.getClass().getName())));
	}

	private Answer authorizeFailure(int status, String code, String msg) {
		return json(status, object().put("success", false).put("code", code).put("msg", msg));
	}

	// get_token

	private Answer getToken(RecordedRequest request, SimulatorBehavior behavior) {
		RawAnswer raw = behavior.getTokenAnswer();
		if (raw != null) {
			return Answer.raw(raw.status(), raw.body());
		}
		String junk = behavior.getTokenJunk();
		if (junk != null) {
			return Answer.raw(200, junk);
		}
		RegisteredClient client = basic(request.header("Authorization"));
		if (client == null) {
			return json(401, object().put("error", "invalid_client"));
		}
		JsonNode body = parseObject(request.body());
		String code = (body != null) ? text(body, "code") : null;
		String redirectUri = (body != null) ? text(body, "redirect_uri") : null;
		if (body == null || !"code".equals(text(body, "grant_type")) || code == null || redirectUri == null) {
			return json(400, object().put("error", "invalid_request"));
		}
		AuthorizationCodes.Grant grant = this.simulation.codes().redeem(code, client.id(), redirectUri);
		if (grant == null) {
			logger.debug("Refused a code exchange for client {}", client.id());
			return json(400, object().put("error", "invalid_grant"));
		}
		SimulatedUser user = this.simulation.users().user(grant.userId());
		ObjectNode slot = object().put("id", user.id())
			.put("access_token", this.simulation.tokens().next("at_", 32))
			.put("content_address", user.contentAddress())
			.put("token_nickname", user.nickname())
			.put("tr_cnt", user.trCnt())
			.put("code", code)
			.put("refresh_token", this.simulation.refreshTokens().issue(user.id(), client.id()));
		int padding = behavior.getTokenExtraBytes();
		if (padding > 0) {
			slot.put("padding", "x".repeat(padding));
		}
		logger.debug("Exchanged a code for user {} and client {}", user.id(), client.id());
		if (behavior.wrapSlotInData()) {
			ObjectNode wrapped = object();
			wrapped.putArray("data").add(slot);
			return json(200, wrapped);
		}
		return json(200, slot);
	}

	private @Nullable RegisteredClient basic(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		String credentials;
		try {
			credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		int colon = credentials.indexOf(':');
		if (colon < 0) {
			return null;
		}
		return this.simulation.clients()
			.authenticate(credentials.substring(0, colon), credentials.substring(colon + 1));
	}

	// refresh and logout

	private Answer refresh(RecordedRequest request) {
		JsonNode body = parseObject(request.body());
		if (body == null) {
			return json(400, object().put("error", "invalid_request"));
		}
		RegisteredClient client = this.simulation.clients()
			.authenticate(text(body, "client_id"), text(body, "client_secret"));
		if (client == null) {
			return json(200, object().put("success", false).put("message", "Invalid client credentials"));
		}
		RefreshTokens.Grant grant = this.simulation.refreshTokens().redeem(text(body, "refresh_token"), client.id());
		if (grant == null) {
			return json(200, object().put("success", false).put("message", "Invalid refresh token"));
		}
		String redirectUri = text(body, "redirect_uri");
		String code = this.simulation.codes()
			.issue(client.id(), (redirectUri != null) ? redirectUri : "", grant.userId());
		ObjectNode tokens = object().put("success", true)
			.put("access_token", this.simulation.tokens().next("at_", 32))
			.put("refresh_token", this.simulation.refreshTokens().issue(grant.userId(), grant.clientId()))
			.put("code", code);
		logger.debug("Refreshed the tokens of user {} for client {}", grant.userId(), client.id());
		return json(200, tokens);
	}

	private Answer logout(RecordedRequest request) {
		String token = bearer(request.header("Authorization"));
		Verification verification = this.simulation.jwt().verify(token, this.simulation.clock().instant());
		return verification.signedHere() ? json(200, object().put("success", true))
				: json(401, object().put("success", false));
	}

	// login page

	private Answer loginPage(RecordedRequest request) {
		String nonce = this.simulation.tokens().next("", 16);
		return Answer.html(200,
				LoginPage.render(this.simulation.users().demoUsers(), request.queryParam("client_id"),
						request.queryParam("redirect_uri"), request.queryParam("state"), popup(request), nonce))
			.withHeader("Content-Security-Policy", LoginPage.contentSecurityPolicy(nonce));
	}

	/**
	 * Where the login page, in a popup, may post a JWT: the origin of the request's
	 * redirect URI, once that is validated exactly as the redirect flow validates it, or
	 * the {@code origin} parameter when it names that origin or one registered for the
	 * client. Anything else is refused, so that a page on any other origin that opens the
	 * login page never receives a JWT.
	 */
	private Popup popup(RecordedRequest request) {
		RegisteredClient client = this.simulation.clients().find(request.queryParam("client_id"));
		if (client == null) {
			return Popup.refuse("the login request names no registered client.");
		}
		String redirectUri = request.queryParam("redirect_uri");
		if (!client.allows(redirectUri)) {
			return Popup.refuse("the redirect URI is not registered for this client.");
		}
		WebOrigin redirectOrigin = WebOrigin.of(redirectUri);
		if (redirectOrigin == null) {
			return Popup.refuse("the redirect URI has no web origin (an http or https URL without user info).");
		}
		String requestedOrigin = request.queryParam("origin");
		Map<String, @Nullable String> params = new LinkedHashMap<>();
		params.put("client_id", client.id());
		params.put("redirect_uri", redirectUri);
		params.put("origin", requestedOrigin);
		String jwtUrl = CallbackSender.appendQuery(LOGIN_JWT_PATH, params);
		if (requestedOrigin == null) {
			return Popup.postTo(redirectOrigin, jwtUrl);
		}
		WebOrigin origin = WebOrigin.parseOrNull(requestedOrigin);
		if (origin != null && (origin.equals(redirectOrigin) || client.trusts(origin))) {
			return Popup.postTo(origin, jwtUrl);
		}
		return Popup.refuse("the origin parameter is neither the redirect URI's origin nor an origin registered "
				+ "for this client.");
	}

	private Answer choose(RecordedRequest request) {
		String redirectUri = request.queryParam("redirect_uri");
		RegisteredClient client = this.simulation.clients().find(request.queryParam("client_id"));
		Answer invalid = invalidLogin(client, redirectUri);
		if (invalid != null) {
			return invalid;
		}
		String state = request.queryParam("state");
		if (state == null || state.isEmpty()) {
			return Answer.html(400, LoginPage.error("The login request has no state."));
		}
		String userId = request.queryParam("user");
		if (userId == null || userId.isEmpty()) {
			return Answer.html(400, LoginPage.error("No user was chosen."));
		}
		SimulatedUser user = this.simulation.users().user(userId);
		String code = this.simulation.codes().issue(client.id(), redirectUri, user.id());
		return Answer.redirect(callbackUri(redirectUri, state, code, "1"));
	}

	private Answer cancel(RecordedRequest request) {
		String redirectUri = request.queryParam("redirect_uri");
		RegisteredClient client = this.simulation.clients().find(request.queryParam("client_id"));
		Answer invalid = invalidLogin(client, redirectUri);
		if (invalid != null) {
			return invalid;
		}
		return Answer.redirect(callbackUri(redirectUri, request.queryParam("state"), "ACCESS_DENIED", "0"));
	}

	private static @Nullable Answer invalidLogin(@Nullable RegisteredClient client, @Nullable String redirectUri) {
		if (client == null) {
			return Answer.html(400, LoginPage.error("Unknown client."));
		}
		if (!client.allows(redirectUri)) {
			return Answer.html(400, LoginPage.error("This redirect URI is not registered for the client."));
		}
		return null;
	}

	/**
	 * A JWT for the login page in a popup, for the same login request the page was
	 * opened for: a request the page would refuse gets none. Browsers say where a fetch
	 * comes from ({@code Sec-Fetch-Site}, {@code Origin}): one from another page than the
	 * simulator's own is refused too, even though it could not read the answer. With
	 * {@link SimulatorBehavior#expiredJwts(boolean)} the JWT has already expired.
	 */
	private Answer loginJwt(RecordedRequest request, SimulatorBehavior behavior) {
		if (fetchedByAnotherSite(request)) {
			return json(403, object().put("error", "forbidden"));
		}
		String userId = request.queryParam("user");
		if (userId == null || userId.isEmpty() || popup(request).refused()) {
			return json(400, object().put("error", "invalid_request"));
		}
		SimulatedUser user = this.simulation.users().user(userId);
		Duration ttl = behavior.expiredJwts() ? EXPIRED_JWT_TTL : this.simulation.jwtTtl();
		return json(200, object().put("jwt", this.simulation.issueJwt(user.id(), ttl)))
			.withHeader("Cross-Origin-Resource-Policy", "same-origin");
	}

	private static boolean fetchedByAnotherSite(RecordedRequest request) {
		String site = request.header("Sec-Fetch-Site");
		if (site != null && !site.equalsIgnoreCase("same-origin")) {
			return true;
		}
		String origin = request.header("Origin");
		String host = request.header("Host");
		return origin != null && (host == null || !origin.equalsIgnoreCase("http://" + host));
	}

	private static String callbackUri(String redirectUri, @Nullable String state, String code, String success) {
		Map<String, @Nullable String> params = new LinkedHashMap<>();
		params.put("state", state);
		params.put("code", code);
		params.put("success", success);
		return CallbackSender.appendQuery(redirectUri, params);
	}

	// plumbing

	private SimulatorBehavior behavior() {
		return this.simulation.behavior();
	}

	private ObjectNode object() {
		return this.simulation.mapper().createObjectNode();
	}

	private Answer json(int status, ObjectNode body) {
		return new Answer(status, "application/json", this.simulation.mapper().writeValueAsString(body), null, Map.of());
	}

	private Mono<Void> send(HttpServerResponse response, Answer answer) {
		response.status(answer.status())
			.header(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
			.header(HttpHeaderNames.CACHE_CONTROL, "no-store")
			.header("X-Content-Type-Options", "nosniff");
		if (answer.location() != null) {
			response.header(HttpHeaderNames.LOCATION, answer.location());
		}
		answer.headers().forEach(response::header);
		return response.sendString(Mono.just(answer.body()), StandardCharsets.UTF_8).then();
	}

	private static @Nullable String bearer(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String token = authorization.substring(7).trim();
		return token.isEmpty() ? null : token;
	}

	private static String subject(Verification verification) {
		String subject = verification.subject();
		if (subject == null) {
			throw new IllegalStateException("A verified token has a subject");
		}
		return subject;
	}

	private @Nullable JsonNode parseObject(String body) {
		try {
			JsonNode node = this.simulation.mapper().readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	/**
	 * An HTTP answer: status, content type, body, an optional redirect location and more
	 * headers.
	 */
	private record Answer(int status, String contentType, String body, @Nullable String location,
			Map<String, String> headers) {

		static Answer html(int status, String html) {
			return new Answer(status, "text/html;charset=utf-8", html, null, Map.of());
		}

		static Answer redirect(String location) {
			return new Answer(302, "text/plain;charset=utf-8", "", location, Map.of());
		}

		static Answer raw(int status, String body) {
			String trimmed = body.strip();
			String contentType;
			if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
				contentType = "application/json";
			}
			else if (trimmed.startsWith("<")) {
				contentType = "text/html;charset=utf-8";
			}
			else {
				contentType = "text/plain;charset=utf-8";
			}
			return new Answer(status, contentType, body, null, Map.of());
		}

		Answer withHeader(String name, String value) {
			Map<String, String> headers = new LinkedHashMap<>(this.headers);
			headers.put(name, value);
			return new Answer(this.status, this.contentType, this.body, this.location, headers);
		}

	}

}
