package com.altscodex.spring.autoconfigure.rbac;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import reactor.netty.http.client.HttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;
import com.altscodex.spring.autoconfigure.security.BrowserSession;
import com.altscodex.spring.pat.PersonalAccessTokenCodec;
import com.altscodex.spring.rbac.ReactiveRoleService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles, permissions and personal access tokens end to end, the same on every database:
 * users sign in through the DeOAuth simulator, {@code @PreAuthorize} on reactive methods
 * decides from roles seeded by properties or changed at run time, and tokens are minted,
 * used and revoked over HTTP.
 */
abstract class AbstractRbacEndToEndTests {

	static final String CLIENT_ID = "rbac-tests";

	static final String CLIENT_SECRET = "client-secret-of-the-rbac-tests";

	@Autowired
	ReactiveRoleService roles;

	private BrowserSession browser;

	abstract DeOAuthSimulatorExtension simulator();

	abstract int port();

	static void properties(DynamicPropertyRegistry registry, DeOAuthSimulatorExtension simulator, int port) {
		simulator.registerProperties(registry);
		registry.add("server.port", () -> port);
		registry.add("altscodex.client-id", () -> CLIENT_ID);
		registry.add("altscodex.client-secret", () -> CLIENT_SECRET);
		registry.add("altscodex.redirect-uri", () -> redirectUri(port));
		registry.add("altscodex.security.rate-limit.capacity", () -> 10_000);
		registry.add("altscodex.rbac.roles.reader.permissions", () -> "reports:read");
		registry.add("altscodex.rbac.roles.admin.permissions", () -> "*");
		registry.add("altscodex.rbac.roles.admin.includes", () -> "reader");
		registry.add("altscodex.rbac.roles.exporter.permissions", () -> "reports:export");
		registry.add("altscodex.rbac.bootstrap.admin", () -> "alice");
		registry.add("altscodex.rbac.bootstrap.reader", () -> "bob");
		registry.add("altscodex.rbac.api.enabled", () -> true);
		registry.add("altscodex.pat.api.enabled", () -> true);
		registry.add("altscodex.pat.max-tokens-per-user", () -> 3);
		registry.add("altscodex.pat.failure-rate-limit.capacity", () -> 5);
		registry.add("altscodex.pat.failure-rate-limit.refill-period", () -> "1m");
	}

	static String redirectUri(int port) {
		return "http://127.0.0.1:" + port + "/getinfo";
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@BeforeEach
	void newBrowser() {
		this.browser = new BrowserSession(baseUrl());
	}

	@Test
	void seededAdminThenEveryPermissionTheRoleAndTheRolesItIncludes() {
		signIn("alice");

		assertThat(this.browser.get("/api/reports").getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(this.browser.get("/api/reports/export").getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(this.browser.post("/api/admin/purge", true).getStatus()).isEqualTo(HttpStatus.OK);
		List<String> authorities = JsonPath.read(body(this.browser.get("/me")), "$.authorities");
		assertThat(authorities).contains("ROLE_USER", "ROLE_admin", "ROLE_reader", "*", "reports:read");
	}

	@Test
	void seededReaderThenReadsButNeitherExportsNorPurges() {
		signIn("bob");

		assertThat(this.browser.get("/api/reports").getStatus()).isEqualTo(HttpStatus.OK);
		EntityExchangeResult<byte[]> export = this.browser.get("/api/reports/export");
		assertThat(export.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(body(export)).contains("access-denied");
		assertThat(this.browser.post("/api/admin/purge", true).getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void userWithoutRoleThenDenied() {
		signIn("carol");

		assertThat(this.browser.get("/api/reports").getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void roleTakenAwayThenDeniedOnTheNextRequestOfTheSameSession() {
		String user = newUser();
		this.roles.assign(user, "reader", "test").block();
		signIn(user);
		assertThat(this.browser.get("/api/reports").getStatus()).isEqualTo(HttpStatus.OK);

		this.roles.unassign(user, "reader", "test").block();

		assertThat(this.browser.get("/api/reports").getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void permissionGrantedToARoleThenAllowedOnTheNextRequest() {
		String user = newUser();
		String role = "temp-" + user;
		this.roles.createRole(role, null, "test").block();
		this.roles.assign(user, role, "test").block();
		signIn(user);
		assertThat(this.browser.get("/api/reports/export").getStatus()).isEqualTo(HttpStatus.FORBIDDEN);

		this.roles.grant(role, "reports:*", "test").block();

		assertThat(this.browser.get("/api/reports/export").getStatus()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void tokenCreatedUsedListedAndRevokedOverHttp() {
		String user = newUser();
		this.roles.assign(user, "reader", "test").block();
		signIn(user);

		EntityExchangeResult<byte[]> created = createToken("{\"name\":\"ci\",\"scopes\":[\"reports:read\"]}");
		assertThat(created.getStatus()).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getResponseHeaders().getCacheControl()).contains("no-store");
		String token = JsonPath.read(body(created), "$.token");
		String id = JsonPath.read(body(created), "$.id");
		assertThat(PersonalAccessTokenCodec.isWellFormed(token)).isTrue();
		assertThat(created.getResponseHeaders().getLocation()).hasPath("/api/tokens/" + id);

		EntityExchangeResult<byte[]> used = withToken(token, "/api/reports");
		assertThat(used.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(used.getResponseHeaders().get(HttpHeaders.SET_COOKIE)).as("no session for a token")
			.noneMatch((cookie) -> cookie.startsWith(BrowserSession.SESSION));
		assertThat(JsonPath.<String>read(body(withToken(token, "/api/whoami")), "$.name")).isEqualTo(user);

		String listed = body(this.browser.get("/api/tokens"));
		assertThat(JsonPath.<List<String>>read(listed, "$.tokens[*].id")).containsExactly(id);
		assertThat(listed).doesNotContain(token).doesNotContain(token.substring(14, 40));

		EntityExchangeResult<byte[]> revoked = this.browser.send(HttpMethod.DELETE, "/api/tokens/" + id, null,
				new byte[0], true);
		assertThat(revoked.getStatus()).isEqualTo(HttpStatus.NO_CONTENT);

		EntityExchangeResult<byte[]> refused = withToken(token, "/api/reports");
		assertThat(refused.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.isEqualTo("Bearer error=\"invalid_token\"");
		assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(body(refused)).contains("invalid-token").doesNotContain(token);
		assertThat(JsonPath.<List<String>>read(body(this.browser.get("/api/tokens")), "$.tokens")).isEmpty();
	}

	@Test
	void tokenThenNeverMoreThanItsOwnerHoldsNow() {
		String user = newUser();
		this.roles.assign(user, "admin", "test").block();
		signIn(user);
		String token = JsonPath.read(body(createToken("{\"name\":\"all\",\"scopes\":[\"reports:*\"]}")), "$.token");
		assertThat(withToken(token, "/api/reports/export").getStatus()).isEqualTo(HttpStatus.OK);
		// a token carries permissions, never roles
		assertThat(withToken(token, "/api/whoami").getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(JsonPath.<List<String>>read(body(withToken(token, "/api/whoami")), "$.authorities"))
			.containsExactly("reports:*");

		this.roles.unassign(user, "admin", "test").block();
		this.roles.assign(user, "reader", "test").block();

		assertThat(withToken(token, "/api/reports").getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(withToken(token, "/api/reports/export").getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(JsonPath.<List<String>>read(body(withToken(token, "/api/whoami")), "$.authorities"))
			.containsExactly("reports:read");
	}

	@Test
	void tokenWithAScopeTheOwnerDoesNotHoldThenRefusedAtCreation() {
		String user = newUser();
		this.roles.assign(user, "reader", "test").block();
		signIn(user);

		EntityExchangeResult<byte[]> refused = createToken("{\"name\":\"more\",\"scopes\":[\"reports:export\"]}");

		assertThat(refused.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(body(refused)).contains("scope-not-held");
	}

	@Test
	void tokenThenCannotMintTokens() {
		String user = newUser();
		this.roles.assign(user, "reader", "test").block();
		signIn(user);
		String token = JsonPath.read(body(createToken("{\"name\":\"ci\",\"scopes\":[\"reports:read\"]}")), "$.token");

		EntityExchangeResult<byte[]> answer = client().post()
			.uri("/api/tokens")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"child\",\"scopes\":[\"reports:read\"]}".getBytes(StandardCharsets.UTF_8))
			.exchange()
			.expectBody()
			.returnResult();

		assertThat(answer.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(body(answer)).contains("access-denied");
	}

	@Test
	void tokensBeyondTheUsersLimitThenRefused() {
		String user = newUser();
		this.roles.assign(user, "reader", "test").block();
		signIn(user);
		for (int i = 0; i < 3; i++) {
			assertThat(createToken("{\"name\":\"t" + i + "\",\"scopes\":[\"reports:read\"]}").getStatus())
				.isEqualTo(HttpStatus.CREATED);
		}

		EntityExchangeResult<byte[]> fourth = createToken("{\"name\":\"t3\",\"scopes\":[\"reports:read\"]}");

		assertThat(fourth.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(body(fourth)).contains("token-limit-reached");
	}

	@Test
	void revokingSomeoneElsesTokenThenChangesNothing() {
		String owner = newUser();
		this.roles.assign(owner, "reader", "test").block();
		signIn(owner);
		EntityExchangeResult<byte[]> created = createToken("{\"name\":\"ci\",\"scopes\":[\"reports:read\"]}");
		String token = JsonPath.read(body(created), "$.token");
		String id = JsonPath.read(body(created), "$.id");

		BrowserSession thief = new BrowserSession(baseUrl());
		thief.signIn(simulator().issueJwt(newUser()));
		assertThat(thief.send(HttpMethod.DELETE, "/api/tokens/" + id, null, new byte[0], true).getStatus())
			.isEqualTo(HttpStatus.NO_CONTENT);

		assertThat(withToken(token, "/api/reports").getStatus()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void malformedTokenRequestsThenProblems() {
		String user = newUser();
		this.roles.assign(user, "reader", "test").block();
		signIn(user);

		assertProblem(this.browser.send(HttpMethod.POST, "/api/tokens", MediaType.TEXT_PLAIN, "x".getBytes(), true),
				HttpStatus.UNSUPPORTED_MEDIA_TYPE, "media-type-not-supported");
		assertProblem(createToken("{\"name\":"), HttpStatus.BAD_REQUEST, "invalid-request");
		assertProblem(createToken("[]"), HttpStatus.BAD_REQUEST, "invalid-request");
		assertProblem(createToken("{\"name\":\"ci\",\"name\":\"ci\",\"scopes\":[\"reports:read\"]}"),
				HttpStatus.BAD_REQUEST, "invalid-request");
		assertProblem(createToken("{\"name\":\"ci\"}"), HttpStatus.BAD_REQUEST, "invalid-request");
		assertProblem(createToken("{\"name\":\"ci\",\"scopes\":[]}"), HttpStatus.BAD_REQUEST, "invalid-request");
		assertProblem(createToken("{\"name\":\"ci\",\"scopes\":[7]}"), HttpStatus.BAD_REQUEST, "invalid-request");
		assertProblem(createToken("{\"name\":\"ci\",\"scopes\":[\"Reports Read\"]}"), HttpStatus.BAD_REQUEST,
				"invalid-name");
		assertProblem(createToken("{\"name\":\"" + "n".repeat(101) + "\",\"scopes\":[\"reports:read\"]}"),
				HttpStatus.BAD_REQUEST, "invalid-name");
		assertProblem(createToken("{\"name\":\"ci\",\"scopes\":[\"reports:read\"],\"expires_at\":\"tomorrow\"}"),
				HttpStatus.BAD_REQUEST, "invalid-request");
		assertProblem(createToken("{\"name\":\"ci\",\"scopes\":[\"reports:read\"],\"expires_at\":\"2001-01-01T00:00:00Z\"}"),
				HttpStatus.BAD_REQUEST, "invalid-request");
		assertProblem(createToken("{\"name\":\"" + "n".repeat(20_000) + "\"}"), HttpStatus.CONTENT_TOO_LARGE,
				"request-too-large");
		assertProblem(this.browser.send(HttpMethod.POST, "/api/tokens", MediaType.APPLICATION_JSON,
				new byte[] { '{', '"', (byte) 0xC0, (byte) 0x8D, '"', ':', '1', '}' }, true), HttpStatus.BAD_REQUEST,
				"invalid-request");
	}

	@Test
	void tokenRequestWithoutSessionOrCsrfThenRefused() {
		assertThat(new BrowserSession(baseUrl()).get("/api/tokens", (headers) -> headers.setAccept(
				List.of(MediaType.APPLICATION_JSON)))
			.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		String user = newUser();
		signIn(user);
		assertThat(this.browser.send(HttpMethod.POST, "/api/tokens", MediaType.APPLICATION_JSON,
				"{\"name\":\"ci\",\"scopes\":[\"reports:read\"]}".getBytes(), false)
			.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void invalidTokensFromOneAddressThenRateLimitedWhileOthersGoOn() {
		WebTestClient other = client("127.0.0.2");
		String wellFormed = new PersonalAccessTokenCodec().generate();
		for (int i = 0; i < 5; i++) {
			assertThat(get(other, wellFormed, "/api/reports").getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		}

		EntityExchangeResult<byte[]> limited = get(other, wellFormed, "/api/reports");

		assertThat(limited.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(limited.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
		assertThat(body(limited)).contains("token-rate-limited");
		assertThat(get(client("127.0.0.3"), wellFormed, "/api/reports").getStatus())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void adminEndpointsThenRolesManagedAndAudited() {
		signIn("alice");
		String role = "auditors-" + UUID.randomUUID().toString().substring(0, 8);
		String user = newUser();

		EntityExchangeResult<byte[]> created = this.browser.postJson("/api/admin/rbac/roles",
				"{\"name\":\"" + role + "\",\"description\":\"reads the audit log\"}", true);
		assertThat(created.getStatus()).isEqualTo(HttpStatus.CREATED);
		assertThat(admin(HttpMethod.PUT, "/roles/" + role + "/permissions/audit:read")).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(admin(HttpMethod.PUT, "/roles/" + role + "/includes/reader")).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(admin(HttpMethod.PUT, "/users/" + user + "/roles/" + role)).isEqualTo(HttpStatus.NO_CONTENT);

		String view = body(this.browser.get("/api/admin/rbac/users/" + user));
		assertThat(JsonPath.<List<String>>read(view, "$.assigned_roles")).containsExactly(role);
		assertThat(JsonPath.<List<String>>read(view, "$.roles")).containsExactlyInAnyOrder(role, "reader");
		assertThat(JsonPath.<List<String>>read(view, "$.permissions")).containsExactlyInAnyOrder("audit:read",
				"reports:read");

		EntityExchangeResult<byte[]> cycle = this.browser.send(HttpMethod.PUT,
				"/api/admin/rbac/roles/reader/includes/" + role, null, new byte[0], true);
		assertProblem(cycle, HttpStatus.CONFLICT, "role-cycle");
		assertProblem(this.browser.send(HttpMethod.PUT, "/api/admin/rbac/roles/nobody-has-this/permissions/a:b", null,
				new byte[0], true), HttpStatus.NOT_FOUND, "role-not-found");

		String audit = body(this.browser.get("/api/admin/rbac/audit?limit=50"));
		List<String> actions = JsonPath.read(audit, "$.entries[?(@.role == '" + role + "')].action");
		assertThat(actions).containsExactly("ROLE_ASSIGNED", "ROLE_INCLUDED", "PERMISSION_GRANTED", "ROLE_CREATED");
		List<String> actors = JsonPath.read(audit, "$.entries[?(@.role == '" + role + "')].actor");
		assertThat(actors).containsOnly("alice");
		assertProblem(this.browser.get("/api/admin/rbac/audit?limit=0"), HttpStatus.BAD_REQUEST, "invalid-request");
	}

	@Test
	void adminEndpointsWithoutThePermissionThenDenied() {
		signIn("bob");

		assertProblem(this.browser.get("/api/admin/rbac/roles"), HttpStatus.FORBIDDEN, "access-denied");
		assertProblem(this.browser.postJson("/api/admin/rbac/roles", "{\"name\":\"mine\"}", true),
				HttpStatus.FORBIDDEN, "access-denied");
	}

	private void signIn(String user) {
		assertThat(this.browser.signIn(simulator().issueJwt(user)).getStatus()).isEqualTo(HttpStatus.OK);
	}

	private HttpStatus admin(HttpMethod method, String path) {
		return HttpStatus.valueOf(
				this.browser.send(method, "/api/admin/rbac" + path, null, new byte[0], true).getStatus().value());
	}

	private EntityExchangeResult<byte[]> createToken(String json) {
		return this.browser.postJson("/api/tokens", json, true);
	}

	private EntityExchangeResult<byte[]> withToken(String token, String path) {
		return get(client(), token, path);
	}

	private static EntityExchangeResult<byte[]> get(WebTestClient client, String token, String path) {
		return client.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectBody()
			.returnResult();
	}

	private WebTestClient client() {
		return WebTestClient.bindToServer().baseUrl(baseUrl()).responseTimeout(Duration.ofSeconds(30)).build();
	}

	// a client from another loopback address: Linux accepts any 127.0.0.0/8 source
	private WebTestClient client(String address) {
		HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
			.baseUrl(baseUrl())
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	private static String newUser() {
		return "user-" + UUID.randomUUID().toString().substring(0, 12);
	}

	private static String body(EntityExchangeResult<byte[]> result) {
		byte[] body = result.getResponseBody();
		return (body != null) ? new String(body, StandardCharsets.UTF_8) : "";
	}

	private static void assertProblem(EntityExchangeResult<byte[]> answer, HttpStatus status, String type) {
		assertThat(answer.getStatus()).as(body(answer)).isEqualTo(status);
		assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(JsonPath.<String>read(body(answer), "$.type")).endsWith("/" + type);
	}

}
