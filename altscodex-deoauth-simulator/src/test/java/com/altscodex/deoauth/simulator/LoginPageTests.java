package com.altscodex.deoauth.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.altscodex.deoauth.simulator.DeOAuthTestClient.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The simulated platform login page and its redirect and popup endpoints.
 */
class LoginPageTests {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	static final String REDIRECT_URI = "http://127.0.0.1:8080/login/altscodex";

	static final Pattern POPUP = Pattern.compile("\\}\\)\\((\\{.*\\})\\);\n</script>");

	static DeOAuthSimulator simulator;

	static DeOAuthTestClient client;

	@BeforeAll
	static void start() {
		simulator = DeOAuthSimulator.builder()
			.client("shop", "shop-secret", "http://127.0.0.1:*/login/altscodex")
			.clientOrigins("shop", "http://localhost:5173")
			.build()
			.start();
		client = new DeOAuthTestClient(simulator);
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@Test
	void loginPageListsTheDemoUsersAsButtons() {
		Reply reply = get(DeOAuthEndpoints.LOGIN_PATH,
				params("client_id", "shop", "redirect_uri", REDIRECT_URI, "response_type", "code", "state", "st-1"));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.headers().get("Content-Type")).startsWith("text/html");
		assertThat(reply.body()).startsWith("<!DOCTYPE html>")
			.contains("id=\"user-alice\"", "id=\"user-bob\"", "id=\"user-carol\"", "id=\"cancel\"")
			.contains(">Alice<", ">Bob<", ">Carol<")
			.contains("name=\"state\" value=\"st-1\"", "name=\"client_id\" value=\"shop\"")
			.contains("action=\"/oauth/login/choose\"", "formaction=\"/oauth/login/cancel\"")
			.contains("altscodex:jwt", "altscodex:cancel", "window.opener", "postMessage")
			.doesNotContain("src=\"http", "href=\"http", "@import");
	}

	@Test
	void loginPageEscapesItsParameters() {
		Reply reply = get(DeOAuthEndpoints.LOGIN_PATH,
				params("client_id", "shop", "redirect_uri", REDIRECT_URI, "state", "\"><script>alert(1)</script>"));
		assertThat(reply.body()).doesNotContain("<script>alert(1)</script>")
			.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
	}

	@Test
	void chooseRedirectsToTheAppWithStateAndACodeForTheUser() {
		Reply reply = get(DeOAuthEndpoints.LOGIN_CHOOSE_PATH,
				params("user", "bob", "client_id", "shop", "redirect_uri", REDIRECT_URI, "state", "st 2&x"));
		assertThat(reply.status()).isEqualTo(302);
		String location = reply.headers().get("Location");
		assertThat(location).startsWith(REDIRECT_URI + "?");
		QueryStringDecoder query = new QueryStringDecoder(URI.create(location));
		assertThat(query.parameters()).containsOnlyKeys("state", "code", "success");
		assertThat(query.parameters().get("state")).containsExactly("st 2&x");
		assertThat(query.parameters().get("success")).containsExactly("1");
		String code = query.parameters().get("code").get(0);
		Reply slot = client.getToken("shop", "shop-secret", code, REDIRECT_URI).block(TIMEOUT);
		assertThat(slot.text("id")).isEqualTo("bob");
		assertThat(slot.text("code")).isEqualTo(code);
	}

	@Test
	void chooseWhenRequestInvalidThenBadRequestPage() {
		assertBadRequestPage(get(DeOAuthEndpoints.LOGIN_CHOOSE_PATH,
				params("user", "bob", "client_id", "nobody", "redirect_uri", REDIRECT_URI, "state", "s")));
		assertBadRequestPage(get(DeOAuthEndpoints.LOGIN_CHOOSE_PATH, params("user", "bob", "client_id", "shop",
				"redirect_uri", "https://evil.example/login/altscodex", "state", "s")));
		assertBadRequestPage(get(DeOAuthEndpoints.LOGIN_CHOOSE_PATH,
				params("user", "bob", "client_id", "shop", "redirect_uri", REDIRECT_URI)));
		assertBadRequestPage(get(DeOAuthEndpoints.LOGIN_CHOOSE_PATH,
				params("client_id", "shop", "redirect_uri", REDIRECT_URI, "state", "s")));
		assertBadRequestPage(get(DeOAuthEndpoints.LOGIN_CANCEL_PATH,
				params("client_id", "shop", "redirect_uri", "https://evil.example/", "state", "s")));
	}

	@Test
	void cancelRedirectsToTheAppWithAccessDenied() {
		Reply reply = get(DeOAuthEndpoints.LOGIN_CANCEL_PATH,
				params("client_id", "shop", "redirect_uri", REDIRECT_URI, "state", "st-3"));
		assertThat(reply.status()).isEqualTo(302);
		QueryStringDecoder query = new QueryStringDecoder(URI.create(reply.headers().get("Location")));
		assertThat(query.path()).isEqualTo("/login/altscodex");
		assertThat(query.parameters().get("state")).containsExactly("st-3");
		assertThat(query.parameters().get("success")).containsExactly("0");
		assertThat(query.parameters().get("code")).containsExactly("ACCESS_DENIED");
	}

	@Test
	void loginPageWhenOpenedForARegisteredRedirectUriThenPostsOnlyToItsOrigin() {
		Reply reply = get(DeOAuthEndpoints.LOGIN_PATH, params("client_id", "shop", "redirect_uri", REDIRECT_URI));
		JsonNode popup = popup(reply);
		assertThat(popup.get("targetOrigin").stringValue()).isEqualTo("http://127.0.0.1:8080");
		assertThat(popup.get("jwtUrl").stringValue()).isEqualTo(CallbackSender.appendQuery(
				DeOAuthEndpoints.LOGIN_JWT_PATH, params("client_id", "shop", "redirect_uri", REDIRECT_URI)));
		assertThat(popup.get("refusal").isNull()).isTrue();
		assertThat(reply.body()).doesNotContain("'*'", "\"*\"", "params.get('origin')");
	}

	@Test
	void loginPageWhenOriginParameterIsTheRedirectUriOriginThenPostsToIt() {
		JsonNode popup = popup(get(DeOAuthEndpoints.LOGIN_PATH,
				params("client_id", "shop", "redirect_uri", REDIRECT_URI, "origin", "HTTP://127.0.0.1:8080")));
		assertThat(popup.get("targetOrigin").stringValue()).isEqualTo("http://127.0.0.1:8080");
		assertThat(popup.get("jwtUrl").stringValue()).contains("origin=HTTP%3A%2F%2F127.0.0.1%3A8080");
	}

	@Test
	void loginPageWhenOriginParameterIsRegisteredForTheClientThenPostsToIt() {
		JsonNode popup = popup(get(DeOAuthEndpoints.LOGIN_PATH,
				params("client_id", "shop", "redirect_uri", REDIRECT_URI, "origin", "http://localhost:5173")));
		assertThat(popup.get("targetOrigin").stringValue()).isEqualTo("http://localhost:5173");
	}

	@Test
	void loginPageWhenOriginParameterIsNotRegisteredThenRefuses() {
		assertRefused(params("client_id", "shop", "redirect_uri", REDIRECT_URI, "origin", "https://evil.example"),
				"the origin parameter is neither");
		assertRefused(params("client_id", "shop", "redirect_uri", REDIRECT_URI, "origin", "*"),
				"the origin parameter is neither");
		assertRefused(params("client_id", "shop", "redirect_uri", REDIRECT_URI, "origin", "http://127.0.0.1:8080/x"),
				"the origin parameter is neither");
		assertRefused(params("origin", "https://evil.example"), "no registered client");
	}

	@Test
	void loginPageWhenClientOrRedirectUriInvalidThenRefuses() {
		assertRefused(params(), "no registered client");
		assertRefused(params("client_id", "nobody", "redirect_uri", REDIRECT_URI), "no registered client");
		assertRefused(params("client_id", "shop"), "not registered for this client");
		assertRefused(params("client_id", "shop", "redirect_uri", "https://evil.example/login/altscodex"),
				"not registered for this client");
	}

	@Test
	void loginPageWhenRedirectUriHidesAnotherHostInUserInfoThenRefuses() {
		// the glob http://127.0.0.1:*/login/altscodex matches it, but its host is evil.example
		assertRefused(params("client_id", "shop", "redirect_uri", "http://127.0.0.1:1@evil.example/login/altscodex"),
				"no web origin");
	}

	@Test
	void loginPageRunsOnlyItsOwnScriptAndCannotBeFramed() {
		Reply reply = get(DeOAuthEndpoints.LOGIN_PATH, params("client_id", "shop", "redirect_uri", REDIRECT_URI));
		String policy = reply.headers().get("Content-Security-Policy");
		Matcher nonce = Pattern.compile("<script nonce=\"([A-Za-z0-9_-]{16,})\">").matcher(reply.body());
		assertThat(nonce.find()).isTrue();
		assertThat(policy).contains("script-src 'nonce-" + nonce.group(1) + "'", "frame-ancestors 'none'",
				"connect-src 'self'", "default-src 'none'");
		assertThat(reply.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
		String again = get(DeOAuthEndpoints.LOGIN_PATH, params()).headers().get("Content-Security-Policy");
		assertThat(again).isNotEqualTo(policy);
	}

	@Test
	void jsonStringIsSafeInsideAScriptElement() {
		String lineTerminatorsAndNul = new String(new char[] { 0x2028, 0x2029, 0 });
		String text = "</script><!--'\"\\&\n" + lineTerminatorsAndNul + ">";
		String literal = LoginPage.jsonString(text);
		assertThat(literal).isEqualTo("\"\\u003c/script\\u003e\\u003c!--\\u0027\\u0022\\\\\\u0026\\n"
				+ "\\u2028\\u2029\\u0000\\u003e\"");
		assertThat(DeOAuthTestClient.JSON.readTree(literal).stringValue()).isEqualTo(text);
	}

	@Test
	void loginJwtIssuesAJwtForTheChosenUser() {
		Reply reply = get(DeOAuthEndpoints.LOGIN_JWT_PATH,
				params("client_id", "shop", "redirect_uri", REDIRECT_URI, "user", "carol"));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.headers().get("Cache-Control")).isEqualTo("no-store");
		assertThat(reply.headers().get("Cross-Origin-Resource-Policy")).isEqualTo("same-origin");
		String jwt = reply.text("jwt");
		String claims = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
		assertThat(claims).contains("\"sub\":\"carol\"");
		assertThat(client.post(DeOAuthEndpoints.LOGOUT_PATH, "Bearer " + jwt, null).block(TIMEOUT).status())
			.isEqualTo(200);
	}

	@Test
	void loginJwtWhenRequestIsOneThePageWouldRefuseThenBadRequest() {
		assertThat(get(DeOAuthEndpoints.LOGIN_JWT_PATH, params()).status()).isEqualTo(400);
		assertThat(get(DeOAuthEndpoints.LOGIN_JWT_PATH, params("user", "carol")).status()).isEqualTo(400);
		assertThat(get(DeOAuthEndpoints.LOGIN_JWT_PATH, params("client_id", "shop", "redirect_uri", REDIRECT_URI))
			.status()).isEqualTo(400);
		assertThat(get(DeOAuthEndpoints.LOGIN_JWT_PATH,
				params("client_id", "shop", "redirect_uri", "https://evil.example/login/altscodex", "user", "carol"))
			.status()).isEqualTo(400);
		assertThat(get(DeOAuthEndpoints.LOGIN_JWT_PATH,
				params("client_id", "shop", "redirect_uri", REDIRECT_URI, "origin", "https://evil.example", "user",
						"carol"))
			.status()).isEqualTo(400);
	}

	@Test
	void loginJwtWhenFetchedByAnotherSiteThenForbidden() {
		String path = CallbackSender.appendQuery(DeOAuthEndpoints.LOGIN_JWT_PATH,
				params("client_id", "shop", "redirect_uri", REDIRECT_URI, "user", "carol"));
		assertThat(client.getWithHeaders(path, Map.of("Sec-Fetch-Site", "cross-site")).block(TIMEOUT).status()).isEqualTo(403);
		assertThat(client.getWithHeaders(path, Map.of("Sec-Fetch-Site", "same-site")).block(TIMEOUT).status()).isEqualTo(403);
		assertThat(client.getWithHeaders(path, Map.of("Origin", "http://127.0.0.2:8080")).block(TIMEOUT).status())
			.isEqualTo(403);
		assertThat(client.getWithHeaders(path, Map.of("Origin", "null")).block(TIMEOUT).status()).isEqualTo(403);
		assertThat(client.getWithHeaders(path, Map.of("Sec-Fetch-Site", "same-origin", "Origin", simulator.baseUrl()))
			.block(TIMEOUT)
			.status()).isEqualTo(200);
	}

	@Test
	void clientOriginsMustBeOriginsOfARegisteredClient() {
		DeOAuthSimulator.Builder builder = DeOAuthSimulator.builder().client("shop", "s", "*");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.clientOrigins("other", "http://localhost:5173"))
			.withMessageContaining("'other'");
		for (String notAnOrigin : new String[] { "localhost:5173", "http://localhost:5173/app", "ftp://host",
				"http://user@localhost:5173", "http://localhost:*", "*", "http://localhost:5173?x" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> builder.clientOrigins("shop", notAnOrigin))
				.withMessageContaining("is not a web origin");
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> simulator.registerClientOrigins("nobody", "http://localhost:5173"))
			.withMessageContaining("'nobody'");
	}

	@Test
	void registerClientOriginsWhileRunningAndRegisterClientForgetsThem() {
		try (DeOAuthSimulator running = DeOAuthSimulator.builder()
			.client("spa", "spa-secret", "http://127.0.0.1:9000/cb")
			.build()
			.start()) {
			DeOAuthTestClient spaClient = new DeOAuthTestClient(running);
			Map<String, @Nullable String> request = params("client_id", "spa", "redirect_uri",
					"http://127.0.0.1:9000/cb", "origin", "http://localhost:4200");
			assertThat(popup(spaClient, request).get("targetOrigin").isNull()).isTrue();
			running.registerClientOrigins("spa", "http://LOCALHOST:4200/");
			assertThat(popup(spaClient, request).get("targetOrigin").stringValue())
				.isEqualTo("http://localhost:4200");
			running.registerClient("spa", "spa-secret", "http://127.0.0.1:9000/cb");
			assertThat(popup(spaClient, request).get("targetOrigin").isNull()).isTrue();
		}
	}

	private static void assertRefused(Map<String, @Nullable String> params, String reason) {
		Reply reply = get(DeOAuthEndpoints.LOGIN_PATH, params);
		assertThat(reply.status()).isEqualTo(200);
		JsonNode popup = popup(reply);
		assertThat(popup.get("targetOrigin").isNull()).isTrue();
		assertThat(popup.get("jwtUrl").isNull()).isTrue();
		assertThat(popup.get("refusal").stringValue()).contains(reason);
	}

	private static JsonNode popup(DeOAuthTestClient client, Map<String, @Nullable String> params) {
		return popup(client.get(CallbackSender.appendQuery(DeOAuthEndpoints.LOGIN_PATH, params), null)
			.block(TIMEOUT));
	}

	/**
	 * The server's decision the page's script runs with.
	 */
	private static JsonNode popup(Reply reply) {
		Matcher matcher = POPUP.matcher(reply.body());
		assertThat(matcher.find()).as("popup settings in %s", reply.body()).isTrue();
		return DeOAuthTestClient.JSON.readTree(matcher.group(1));
	}

	private static void assertBadRequestPage(Reply reply) {
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.headers().get("Content-Type")).startsWith("text/html");
		assertThat(reply.body()).contains("id=\"error\"");
		assertThat(reply.headers().get("Location")).isNull();
	}

	private static Reply get(String path, Map<String, @Nullable String> params) {
		return client.get(CallbackSender.appendQuery(path, params), null).block(TIMEOUT);
	}

	private static Map<String, @Nullable String> params(String... namesAndValues) {
		Map<String, @Nullable String> params = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			params.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return params;
	}

}
