package com.altscodex.deoauth.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.altscodex.deoauth.simulator.DeOAuthTestClient.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated platform login page and its redirect and popup endpoints.
 */
class LoginPageTests {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	static final String REDIRECT_URI = "http://127.0.0.1:8080/login/altscodex";

	static DeOAuthSimulator simulator;

	static DeOAuthTestClient client;

	@BeforeAll
	static void start() {
		simulator = DeOAuthSimulator.builder()
			.client("shop", "shop-secret", "http://127.0.0.1:*/login/altscodex")
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
	void loginJwtIssuesAJwtForTheChosenUser() {
		Reply reply = get(DeOAuthEndpoints.LOGIN_JWT_PATH, params("user", "carol"));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.headers().get("Cache-Control")).isEqualTo("no-store");
		String jwt = reply.text("jwt");
		String claims = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
		assertThat(claims).contains("\"sub\":\"carol\"");
		assertThat(client.post(DeOAuthEndpoints.LOGOUT_PATH, "Bearer " + jwt, null).block(TIMEOUT).status())
			.isEqualTo(200);
		assertThat(get(DeOAuthEndpoints.LOGIN_JWT_PATH, params()).status()).isEqualTo(400);
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
