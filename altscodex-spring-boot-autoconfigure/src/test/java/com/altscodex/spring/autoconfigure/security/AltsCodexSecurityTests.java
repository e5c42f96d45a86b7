package com.altscodex.spring.autoconfigure.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;

import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;
import com.altscodex.deoauth.simulator.RecordedRequest;
import com.altscodex.spring.autoconfigure.security.app.SecurityTestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's default security chain, over HTTP against a running application and the
 * DeOAuth simulator: both sign-in flows, the session, CSRF, sign-out, and what reaches
 * the browser.
 */
@SpringBootTest(classes = SecurityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class AltsCodexSecurityTests {

	static final String CLIENT_ID = "security-tests";

	static final String CLIENT_SECRET = "client-secret-of-the-security-tests";

	static final int PORT = freePort();

	static final String REDIRECT_URI = "http://127.0.0.1:" + PORT + "/getinfo";

	@RegisterExtension
	static final DeOAuthSimulatorExtension simulator = DeOAuthSimulatorExtension.create()
		.client(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI)
		.resetBetweenTests();

	@DynamicPropertySource
	static void altsCodex(DynamicPropertyRegistry registry) {
		simulator.registerProperties(registry);
		registry.add("server.port", () -> PORT);
		registry.add("altscodex.client-id", () -> CLIENT_ID);
		registry.add("altscodex.client-secret", () -> CLIENT_SECRET);
		registry.add("altscodex.redirect-uri", () -> REDIRECT_URI);
		// these tests sign in often from one address; the limit has its own tests
		registry.add("altscodex.security.rate-limit.capacity", () -> 10_000);
	}

	@Autowired
	private ApplicationContext context;

	private BrowserSession browser;

	@BeforeEach
	void newBrowser() {
		this.context.getBean(SecurityTestApplication.SlotRecorder.class).accessTokens().clear();
		this.browser = new BrowserSession("http://127.0.0.1:" + PORT);
		simulator.simulator().clearRequests();
	}

	@Test
	void noSecurityChainOfTheApplicationThenTheStartersDefaultOne() {
		assertThat(this.context.getBeansOfType(SecurityWebFilterChain.class)).containsOnlyKeys(
				"altsCodexSecurityWebFilterChain");
	}

	@Test
	void apiRequestWithoutSessionThenUnauthorizedProblem() {
		EntityExchangeResult<byte[]> answer = this.browser.get("/api/hello",
				(headers) -> headers.setAccept(List.of(MediaType.APPLICATION_JSON)));

		assertThat(answer.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertProblem(answer, "not-signed-in");
	}

	@Test
	void browserNavigationWithoutSessionThenRedirectedToSignIn() {
		EntityExchangeResult<byte[]> answer = this.browser.get("/api/hello", (headers) -> {
			headers.setAccept(List.of(MediaType.TEXT_HTML, MediaType.ALL));
			headers.set("Sec-Fetch-Mode", "navigate");
		});

		assertThat(answer.getStatus()).isEqualTo(HttpStatus.FOUND);
		assertThat(answer.getResponseHeaders().getLocation()).hasPath("/login/altscodex");
	}

	@Test
	void fetchWithoutSessionThenUnauthorizedNotRedirected() {
		EntityExchangeResult<byte[]> answer = this.browser.get("/api/hello", (headers) -> {
			headers.setAccept(List.of(MediaType.TEXT_HTML, MediaType.ALL));
			headers.set("Sec-Fetch-Mode", "cors");
		});

		assertThat(answer.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void everyAnswerCarriesTheCsrfCookieForTheSinglePageApplication() {
		EntityExchangeResult<byte[]> answer = this.browser.get("/api/hello");

		assertThat(answer.getResponseCookies().getFirst(BrowserSession.XSRF_TOKEN)).isNotNull()
			.satisfies((cookie) -> assertThat(cookie.isHttpOnly()).isFalse());
	}

	@Test
	void signInWithoutCsrfTokenThenForbiddenAndNothingSentToDeOAuth() {
		this.browser.loadPage();

		EntityExchangeResult<byte[]> answer = this.browser.postJson("/login",
				"{\"jwt\":\"" + simulator.issueJwt("alice") + "\"}", false);

		assertThat(answer.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertProblem(answer, "invalid-csrf-token");
		assertThat(simulator.requests("/v1/oauth-meta/authorize")).isEmpty();
	}

	@Test
	void signInWithJwtThenUserAnsweredAndSessionSignedIn() {
		EntityExchangeResult<byte[]> answer = this.browser.signIn(simulator.issueJwt("alice"));

		assertThat(answer.getStatus()).isEqualTo(HttpStatus.OK);
		String body = body(answer);
		assertThat((Boolean) JsonPath.read(body, "$.success")).isTrue();
		assertThat((String) JsonPath.read(body, "$.user.id")).isEqualTo("alice");
		assertThat((String) JsonPath.read(body, "$.user.token_nickname")).isEqualTo("Alice");
		assertThat((String) JsonPath.read(body, "$.user.content_address"))
			.isEqualTo(simulator.user("alice").contentAddress());
		assertThat((List<String>) JsonPath.read(body, "$.user.authorities")).containsExactly("ROLE_USER");
		EntityExchangeResult<byte[]> me = this.browser.get("/me");
		assertThat(me.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat((String) JsonPath.read(body(me), "$.id")).isEqualTo("alice");
		assertThat(this.browser.get("/api/hello").getStatus()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void signInThenSessionIdChanges() {
		// a session before sign-in: the one a redirect sign-in starts
		this.browser.get("/login/altscodex");
		String before = this.browser.cookie(BrowserSession.SESSION);
		assertThat(before).isNotNull();

		this.browser.signIn(simulator.issueJwt("alice"));

		String after = this.browser.cookie(BrowserSession.SESSION);
		assertThat(after).isNotNull().isNotEqualTo(before);
		this.browser.set(BrowserSession.SESSION, before);
		assertThat(this.browser.get("/me").getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void healthEndpointOpenForProbesOtherEndpointsNot() {
		assertThat(this.browser.get("/actuator/health").getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(this.browser.get("/actuator").getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void meWithoutSessionThenUnauthorizedProblem() {
		EntityExchangeResult<byte[]> answer = this.browser.get("/me");

		assertThat(answer.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertProblem(answer, "not-signed-in");
	}

	@Test
	void signOutThenSessionEndedAndDeOAuthToldTheJwt() {
		String jwt = simulator.issueJwt("bob");
		this.browser.signIn(jwt);
		String session = this.browser.cookie(BrowserSession.SESSION);

		EntityExchangeResult<byte[]> answer = this.browser.post("/logout", true);

		assertThat(answer.getStatus()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(this.browser.get("/me").getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		this.browser.set(BrowserSession.SESSION, session);
		assertThat(this.browser.get("/me").getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		// DeOAuth's logout runs on its own, after the answer
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !simulator.requests("/oauth/logout").isEmpty());
		assertThat(simulator.requests("/oauth/logout")).singleElement()
			.satisfies((logout) -> assertThat(logout.header(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + jwt));
	}

	@Test
	void signOutWithoutCsrfTokenThenForbiddenAndStillSignedIn() {
		this.browser.signIn(simulator.issueJwt("bob"));

		assertThat(this.browser.post("/logout", false).getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.browser.get("/me").getStatus()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void deOAuthCallbackIsOpenAndExemptFromCsrf() {
		EntityExchangeResult<byte[]> answer = this.browser.post("/getinfo?state=unknown-state&code=c&success=1",
				false);

		assertThat(answer.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(body(answer)).isEqualTo("{\"received\":true}");
	}

	@Test
	void redirectSignInThenBackOnTheSuccessUrlSignedIn() {
		URI platform = startRedirectSignIn();
		assertThat(platform.toString()).startsWith(simulator.baseUrl() + "/oauth/login?");
		assertThat(UriComponentsBuilder.fromUri(platform).build().getQueryParams().getFirst("redirect_uri"))
			.isEqualTo(REDIRECT_URI);

		URI back = chooseUser(platform, "carol");
		EntityExchangeResult<byte[]> answer = this.browser.get(pathAndQuery(back));

		assertThat(answer.getStatus()).isEqualTo(HttpStatus.FOUND);
		assertThat(answer.getResponseHeaders().getLocation()).hasToString("/");
		assertThat((String) JsonPath.read(body(this.browser.get("/me")), "$.token_nickname")).isEqualTo("Carol");
	}

	@Test
	void redirectSignInAfterNavigationThenBackWhereTheUserWasGoing() {
		EntityExchangeResult<byte[]> navigation = this.browser.get("/api/hello?page=2", (headers) -> {
			headers.setAccept(List.of(MediaType.TEXT_HTML, MediaType.ALL));
			headers.set("Sec-Fetch-Mode", "navigate");
		});
		// kept in a cookie: an anonymous navigation creates no session
		assertThat(navigation.getResponseCookies().getFirst(BrowserSession.SESSION)).isNull();
		URI platform = startRedirectSignIn();

		EntityExchangeResult<byte[]> answer = this.browser.get(pathAndQuery(chooseUser(platform, "alice")));

		assertThat(answer.getResponseHeaders().getLocation()).hasPath("/api/hello").hasQuery("page=2");
	}

	@Test
	void redirectReturnReplayedThenForbiddenAndNoSecondExchange() {
		URI back = chooseUser(startRedirectSignIn(), "alice");
		this.browser.get(pathAndQuery(back));
		this.browser.post("/logout", true);

		EntityExchangeResult<byte[]> replay = this.browser.get(pathAndQuery(back));

		assertThat(replay.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertProblem(replay, "invalid-state");
		assertThat(simulator.requests("/v1/oauth-meta/get_token")).hasSize(1);
	}

	@Test
	void redirectReturnWithAnotherStateThenForbiddenAndNothingExchanged() {
		URI back = chooseUser(startRedirectSignIn(), "alice");
		String forged = UriComponentsBuilder.fromUri(back).replaceQueryParam("state", "x".repeat(32)).build()
			.toUriString();

		EntityExchangeResult<byte[]> answer = this.browser.get(pathAndQuery(URI.create(forged)));

		assertThat(answer.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertProblem(answer, "invalid-state");
		assertThat(simulator.requests("/v1/oauth-meta/get_token")).isEmpty();
		// the state was used up by the attempt
		assertThat(this.browser.get(pathAndQuery(back)).getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void redirectReturnInAnotherBrowserThenForbidden() {
		URI back = chooseUser(startRedirectSignIn(), "alice");

		EntityExchangeResult<byte[]> answer = new BrowserSession("http://127.0.0.1:" + PORT).get(pathAndQuery(back));

		assertThat(answer.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(simulator.requests("/v1/oauth-meta/get_token")).isEmpty();
	}

	@Test
	void redirectSignInCancelledThenRejected() {
		URI platform = startRedirectSignIn();
		URI back = simulatorRedirect(UriComponentsBuilder.fromUri(platform).replacePath("/oauth/login/cancel")
			.build().toUri());

		EntityExchangeResult<byte[]> answer = this.browser.get(pathAndQuery(back));

		assertThat(answer.getStatus()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertProblem(answer, "authorize-rejected");
	}

	@Test
	void accessTokenStaysOnTheServerAndNeverReachesTheBrowser() {
		EntityExchangeResult<byte[]> signIn = this.browser.signIn(simulator.issueJwt("alice"));
		EntityExchangeResult<byte[]> me = this.browser.get("/me");
		EntityExchangeResult<byte[]> fingerprint = this.browser.get("/api/token-fingerprint");

		assertThat((Boolean) JsonPath.read(body(fingerprint), "$.present")).isTrue();
		String accessToken = accessTokenIssued();
		assertThat(accessToken.hashCode()).isEqualTo((Integer) JsonPath.read(body(fingerprint), "$.hash"));
		for (EntityExchangeResult<byte[]> answer : List.of(signIn, me, fingerprint)) {
			assertThat(body(answer)).doesNotContain(accessToken).doesNotContain("access_token")
				.doesNotContain("refresh_token");
			assertThat(answer.getResponseHeaders().toString()).doesNotContain(accessToken);
		}
	}

	@Test
	void refreshThenNewAccessTokenKeptOnTheServer() {
		this.browser.signIn(simulator.issueJwt("alice"));
		int before = JsonPath.read(body(this.browser.get("/api/token-fingerprint")), "$.hash");

		EntityExchangeResult<byte[]> refreshed = this.browser.post("/api/refresh", true);

		assertThat(refreshed.getStatus()).isEqualTo(HttpStatus.OK);
		int after = JsonPath.read(body(this.browser.get("/api/token-fingerprint")), "$.hash");
		assertThat(after).isNotEqualTo(before).isEqualTo((Integer) JsonPath.read(body(refreshed), "$.hash"));
		assertThat(simulator.requests("/oauth/token/refresh")).hasSize(1);
	}

	@Test
	void expiredJwtThenUnauthorizedProblemFromTheFailureTable() {
		EntityExchangeResult<byte[]> answer = this.browser
			.signIn(simulator.issueJwt("alice", Duration.ofSeconds(-5)));

		assertThat(answer.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertProblem(answer, "expired-token");
		assertThat(this.browser.get("/me").getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	private URI startRedirectSignIn() {
		EntityExchangeResult<byte[]> start = this.browser.get("/login/altscodex");
		assertThat(start.getStatus()).isEqualTo(HttpStatus.FOUND);
		return start.getResponseHeaders().getLocation();
	}

	// what the simulator's login page does when a user is picked
	private URI chooseUser(URI platform, String user) {
		return simulatorRedirect(UriComponentsBuilder.fromUri(platform).replacePath("/oauth/login/choose")
			.queryParam("user", user)
			.build()
			.toUri());
	}

	private URI simulatorRedirect(URI uri) {
		EntityExchangeResult<byte[]> answer = new BrowserSession(simulator.baseUrl()).get(pathAndQuery(uri));
		assertThat(answer.getStatus()).isEqualTo(HttpStatus.FOUND);
		URI location = answer.getResponseHeaders().getLocation();
		assertThat(location.toString()).startsWith(REDIRECT_URI);
		return location;
	}

	// the simulator does not record its answers: the application's user service saw it
	private String accessTokenIssued() {
		List<String> seen = this.context.getBean(SecurityTestApplication.SlotRecorder.class).accessTokens();
		assertThat(seen).hasSize(1);
		return seen.get(0);
	}

	static String pathAndQuery(URI uri) {
		return uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
	}

	static String body(EntityExchangeResult<byte[]> answer) {
		byte[] body = answer.getResponseBody();
		return (body != null) ? new String(body, StandardCharsets.UTF_8) : "";
	}

	static void assertProblem(EntityExchangeResult<byte[]> answer, String type) {
		assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat((String) JsonPath.read(body(answer), "$.type")).isEqualTo("https://altscodex.com/problems/" + type);
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
