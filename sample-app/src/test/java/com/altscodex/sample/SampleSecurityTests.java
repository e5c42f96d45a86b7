package com.altscodex.sample;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in the starter adds to the sample's security filter chain, over HTTP as the
 * front page uses it: sessions that start, change their id on sign-in and end on sign-out,
 * the CSRF header every POST needs, the redirect flow with its failures brought back to
 * the front page, the public pages, and no secret in any answer.
 */
class SampleSecurityTests {

	private static final String AUTHORIZE_PATH = "/v1/oauth-meta/authorize";

	private static RunningSample sample;

	private static DeOAuthSimulator simulator;

	private final FrontPageClient visitor = FrontPageClient.open(sample);

	@BeforeAll
	static void startSample() {
		// the simulator's records hold the JWTs and the authorize calls; each test signs in
		// several times from one address, faster than the rate limit lets through
		sample = RunningSample.start(new Class<?>[] { GetTokenRecorder.class }, RunningSample.RECORD_TRAFFIC,
				RunningSample.NO_RATE_LIMIT);
		simulator = sample.simulator();
	}

	@AfterAll
	static void stopSample() {
		sample.close();
	}

	@BeforeEach
	void resetSimulator() {
		simulator.behavior().reset();
		simulator.clearRequests();
		simulator.clearCallbacks();
	}

	@Test
	void meWhenSignedOutIs401Problem() {
		this.visitor.me()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(401);
	}

	@Test
	void frontAndAdminPagesTheirAssetsConfigAndHealthArePublic() {
		for (String path : List.of("/", "/index.html", "/app.js", "/api.js", "/account.js", "/admin.html", "/admin.js",
				"/style.css", "/config", "/actuator/health")) {
			sample.webTestClient().get().uri(path).exchange().expectStatus().isOk().expectBody().returnResult();
		}
	}

	@Test
	void everyAnswerSetsTheCsrfCookieReadableByThePage() {
		sample.webTestClient()
			.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectCookie()
			.exists(FrontPageClient.CSRF_COOKIE)
			.expectCookie()
			.httpOnly(FrontPageClient.CSRF_COOKIE, false)
			.expectCookie()
			.path(FrontPageClient.CSRF_COOKIE, "/");
	}

	@Test
	void loginWithoutCsrfHeaderIs403ProblemAndNothingReachesDeOAuth() {
		this.visitor.clientWithoutCsrfHeader()
			.post()
			.uri("/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("jwt", simulator.issueJwt("alice")))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(403);
		assertThat(simulator.requests(AUTHORIZE_PATH)).isEmpty();
	}

	@Test
	void loginWithCsrfHeaderThatIsNotTheCookieIs403() {
		this.visitor.client()
			.post()
			.uri("/login")
			.header(FrontPageClient.CSRF_HEADER, "not-the-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("jwt", simulator.issueJwt("alice")))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(simulator.requests(AUTHORIZE_PATH)).isEmpty();
	}

	@Test
	void signInThenMeShowsTheUserAndTheSessionIdChanged() {
		// starting the redirect flow keeps its state in a session: the session before sign-in
		startRedirectSignIn();
		String sessionBefore = this.visitor.cookie(FrontPageClient.SESSION_COOKIE);
		assertThat(sessionBefore).as("session cookie after GET /login/altscodex").isNotBlank();

		this.visitor.login(simulator.issueJwt("alice"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.success").isEqualTo(true)
			.jsonPath("$.user.id").isEqualTo("alice");

		assertThat(this.visitor.cookie(FrontPageClient.SESSION_COOKIE)).isNotBlank().isNotEqualTo(sessionBefore);
		this.visitor.me()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id").isEqualTo("alice")
			.jsonPath("$.token_nickname").isEqualTo(simulator.user("alice").nickname())
			.jsonPath("$.content_address").isEqualTo(simulator.user("alice").contentAddress())
			.jsonPath("$.tr_cnt").isEqualTo(simulator.user("alice").trCnt())
			// and, beside it, the authorities of alice's roles (SampleAuthorizationTests)
			.jsonPath("$.authorities[?(@ == 'ROLE_USER')]").exists()
			.jsonPath("$.success").doesNotExist()
			.jsonPath("$.access_token").doesNotExist();
		// the session id before sign-in no longer signs anyone in
		sample.webTestClient()
			.get()
			.uri("/me")
			.cookie(FrontPageClient.SESSION_COOKIE, sessionBefore)
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void logoutAnswers204AndEndsTheSession() {
		this.visitor.login(simulator.issueJwt("bob")).expectStatus().isOk().expectBody().returnResult();
		String session = this.visitor.cookie(FrontPageClient.SESSION_COOKIE);
		this.visitor.me().expectStatus().isOk().expectBody().returnResult();

		this.visitor.logout().expectStatus().isNoContent().expectBody().isEmpty();

		this.visitor.me().expectStatus().isUnauthorized().expectBody().returnResult();
		// nor can the old session cookie be replayed
		sample.webTestClient()
			.get()
			.uri("/me")
			.cookie(FrontPageClient.SESSION_COOKIE, session)
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void logoutWithoutCsrfHeaderIs403AndTheSessionGoesOn() {
		this.visitor.login(simulator.issueJwt("carol")).expectStatus().isOk().expectBody().returnResult();
		this.visitor.clientWithoutCsrfHeader()
			.post()
			.uri("/logout")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.visitor.me().expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo("carol");
	}

	@Test
	void noAnswerHoldsTheJwtOrTheAccessToken() {
		List<EntityExchangeResult<byte[]>> answers = new ArrayList<>();
		String jwt = simulator.issueJwt("alice");
		answers.add(this.visitor.login(jwt).expectStatus().isOk().expectBody().returnResult());
		answers.add(this.visitor.me().expectStatus().isOk().expectBody().returnResult());
		answers.add(this.visitor.client().get().uri("/config").exchange().expectBody().returnResult());
		answers.add(this.visitor.client().get().uri("/actuator/altscodex").exchange().expectBody().returnResult());
		// the redirect flow, signed in as bob in the same session
		URI callback = chooseOnLoginPage(startRedirectSignIn(), "bob");
		answers.add(this.visitor.client().get().uri(callback).exchange().expectBody().returnResult());
		answers.add(this.visitor.me().expectStatus().isOk().expectBody().returnResult());
		answers.add(this.visitor.logout().expectBody().returnResult());

		// the JWTs DeOAuth saw (the popup flow's) and the access tokens it handed out
		List<String> secrets = new ArrayList<>();
		simulator.requests(AUTHORIZE_PATH)
			.forEach((authorize) -> secrets.add(authorize.header("Authorization").substring("Bearer ".length())));
		assertThat(secrets).contains(jwt);
		List<String> accessTokens = sample.context().getBean(GetTokenRecorder.class).accessTokens();
		assertThat(accessTokens).hasSizeGreaterThanOrEqualTo(2);
		secrets.addAll(accessTokens);
		assertThat(answers).allSatisfy((answer) -> {
			String body = (answer.getResponseBody() != null)
					? new String(answer.getResponseBody(), StandardCharsets.UTF_8) : "";
			String headers = answer.getResponseHeaders().toString();
			assertThat(secrets).allSatisfy((secret) -> {
				assertThat(body).doesNotContain(secret);
				assertThat(headers).doesNotContain(secret);
			});
		});
	}

	@Test
	void redirectSignInSendsToTheLoginPageAndComesBackSignedIn() {
		URI login = startRedirectSignIn();
		assertThat(login.getScheme() + "://" + login.getAuthority()).isEqualTo(simulator.baseUrl());
		assertThat(login.getPath()).isEqualTo("/oauth/login");
		MultiValueMap<String, String> query = UriComponentsBuilder.fromUri(login).build().getQueryParams();
		assertThat(decoded(query.getFirst("client_id"))).isEqualTo(DeOAuthSimulatorInitializer.CLIENT_ID);
		assertThat(decoded(query.getFirst("redirect_uri"))).isEqualTo(sample.redirectUri());
		assertThat(query.getFirst("response_type")).isEqualTo("code");
		assertThat(query.getFirst("state")).isNotBlank();
		String sessionBefore = this.visitor.cookie(FrontPageClient.SESSION_COOKIE);

		URI callback = chooseOnLoginPage(login, "bob");
		assertThat(callback.toString()).startsWith(sample.redirectUri() + "?");
		URI landing = redirectOf(this.visitor.client().get().uri(callback).exchange());

		assertThat(landing.getPath()).isEqualTo("/");
		assertThat(landing.getQuery()).isNull();
		assertThat(this.visitor.cookie(FrontPageClient.SESSION_COOKIE)).isNotBlank().isNotEqualTo(sessionBefore);
		this.visitor.me().expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo("bob");
	}

	@Test
	void redirectSignInCancelledComesBackToTheFrontPageWithAuthorizeRejected() {
		URI callback = cancelOnLoginPage(startRedirectSignIn());
		URI landing = redirectOf(this.visitor.client().get().uri(callback).exchange());
		assertThat(landing.getPath()).isEqualTo("/");
		assertThat(landing.getQuery()).isEqualTo("error=authorize-rejected");
		this.visitor.me().expectStatus().isUnauthorized().expectBody().returnResult();
	}

	@Test
	void redirectCallbackReplayedComesBackWithInvalidState() {
		URI callback = chooseOnLoginPage(startRedirectSignIn(), "carol");
		assertThat(redirectOf(this.visitor.client().get().uri(callback).exchange()).getPath()).isEqualTo("/");
		this.visitor.logout().expectStatus().isNoContent();

		URI replay = redirectOf(this.visitor.client().get().uri(callback).exchange());
		assertThat(replay.getPath()).isEqualTo("/");
		assertThat(replay.getQuery()).isEqualTo("error=invalid-state");
		this.visitor.me().expectStatus().isUnauthorized().expectBody().returnResult();
	}

	@Test
	void redirectCallbackInAnotherBrowserComesBackWithInvalidState() {
		URI callback = chooseOnLoginPage(startRedirectSignIn(), "alice");
		FrontPageClient otherBrowser = FrontPageClient.open(sample);
		URI landing = redirectOf(otherBrowser.client().get().uri(callback).exchange());
		assertThat(landing.getPath()).isEqualTo("/");
		assertThat(landing.getQuery()).isEqualTo("error=invalid-state");
		otherBrowser.me().expectStatus().isUnauthorized().expectBody().returnResult();
	}

	/**
	 * {@code GET /login/altscodex}, as the "Continue in this window" link does.
	 * @return where it sends the browser: the platform's login page
	 */
	private URI startRedirectSignIn() {
		return redirectOf(this.visitor.client().get().uri("/login/altscodex").exchange());
	}

	// the simulator's login page form: GET /oauth/login/choose with the login request's parameters
	private static URI chooseOnLoginPage(URI login, String user) {
		return redirectOf(loginPage().get()
			.uri("/oauth/login/choose?" + login.getRawQuery() + "&user=" + user)
			.exchange());
	}

	private static URI cancelOnLoginPage(URI login) {
		return redirectOf(loginPage().get().uri("/oauth/login/cancel?" + login.getRawQuery()).exchange());
	}

	private static WebTestClient loginPage() {
		return WebTestClient.bindToServer().baseUrl(simulator.baseUrl()).build();
	}

	private static URI redirectOf(WebTestClient.ResponseSpec answer) {
		EntityExchangeResult<byte[]> result = answer.expectStatus()
			.isEqualTo(HttpStatus.FOUND)
			.expectBody()
			.returnResult();
		String location = result.getResponseHeaders().getFirst(HttpHeaders.LOCATION);
		assertThat(location).as("Location of %s", result.getUrl()).isNotBlank();
		return result.getUrl().resolve(location);
	}

	private static String decoded(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

}
