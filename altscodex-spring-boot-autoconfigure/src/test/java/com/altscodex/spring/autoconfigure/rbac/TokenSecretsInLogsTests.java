package com.altscodex.spring.autoconfigure.rbac;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;
import com.altscodex.spring.autoconfigure.rbac.app.RbacTestApplication;
import com.altscodex.spring.autoconfigure.security.BrowserSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No raw personal access token in any log line, with Spring Security, the starter, the
 * R2DBC drivers and the codecs at TRACE, while a user creates a token, uses it, sends a
 * mistyped one, lists and revokes it, and uses it revoked.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenSecretsInLogsTests {

	private static final String CLIENT_ID = "token-secrets-tests";

	private static final String CLIENT_SECRET = "client-secret-of-the-token-secrets-tests";

	@RegisterExtension
	static final DeOAuthSimulatorExtension simulator = DeOAuthSimulatorExtension.create()
		.client(CLIENT_ID, CLIENT_SECRET, "*");

	@Test
	void tokenCreatedUsedMistypedListedAndRevokedAtTraceThenNeverInLogs(CapturedOutput output) {
		int port = AbstractRbacEndToEndTests.freePort();
		String base = "http://127.0.0.1:" + port;
		List<String> secrets = new ArrayList<>();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RbacTestApplication.class)
			.properties("server.port=" + port, "altscodex.client-id=" + CLIENT_ID,
					"altscodex.client-secret=" + CLIENT_SECRET, "altscodex.redirect-uri=" + base + "/getinfo",
					"altscodex.auth-server-url=" + simulator.baseUrl(), "altscodex.platform-url=" + simulator.baseUrl(),
					"altscodex.rbac.roles.reader.permissions=reports:read", "altscodex.rbac.bootstrap.reader=bob",
					"altscodex.pat.api.enabled=true", "spring.http.codecs.log-request-details=true",
					"logging.level.org.springframework.security=TRACE", "logging.level.org.springframework.http=TRACE",
					"logging.level.org.springframework.core=TRACE", "logging.level.org.springframework.web=TRACE",
					"logging.level.org.springframework.r2dbc=TRACE", "logging.level.io.r2dbc=TRACE",
					"logging.level.com.altscodex=TRACE",
					"logging.level.org.springframework.web.server.adapter.HttpWebHandlerAdapter=INFO",
					"logging.level.reactor.netty.http.client.HttpClientConnect=INFO",
					"spring.reactor.netty.shutdown-quiet-period=0s")
			.run()) {
			BrowserSession bob = new BrowserSession(base);
			assertThat(bob.signIn(simulator.issueJwt("bob")).getStatus()).isEqualTo(HttpStatus.OK);
			EntityExchangeResult<byte[]> created = bob.postJson("/api/tokens",
					"{\"name\":\"ci\",\"scopes\":[\"reports:read\"]}", true);
			assertThat(created.getStatus()).isEqualTo(HttpStatus.CREATED);
			String body = new String(created.getResponseBody(), StandardCharsets.UTF_8);
			String token = JsonPath.read(body, "$.token");
			String id = JsonPath.read(body, "$.id");
			String mistyped = token.substring(0, 30) + ((token.charAt(30) == 'a') ? 'b' : 'a') + token.substring(31);
			// the random part alone: a log line with any prefix or cut of it would still leak it
			secrets.add(token.substring(14, 57));
			secrets.add(mistyped.substring(14, 57));

			WebTestClient client = WebTestClient.bindToServer().baseUrl(base).build();
			assertThat(get(client, token).getStatus()).isEqualTo(HttpStatus.OK);
			assertThat(get(client, mistyped).getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(bob.get("/api/tokens").getStatus()).isEqualTo(HttpStatus.OK);
			assertThat(bob.send(HttpMethod.DELETE, "/api/tokens/" + id, null, new byte[0], true).getStatus())
				.isEqualTo(HttpStatus.NO_CONTENT);
			assertThat(get(client, token).getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		}
		String logs = output.getAll();
		assertThat(logs).as("the run logged at TRACE").contains("altscodex_personal_access_tokens")
			.contains("Checking authorization on '/api/reports'");
		List<String> leaks = new ArrayList<>();
		for (String secret : secrets) {
			logs.lines()
				.filter((line) -> line.contains(secret))
				.map((line) -> line.replace(secret, "<SECRET>"))
				.forEach(leaks::add);
		}
		assertThat(leaks).as("log lines that show a raw token").isEmpty();
	}

	private static EntityExchangeResult<byte[]> get(WebTestClient client, String token) {
		return client.get()
			.uri("/api/reports")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectBody()
			.returnResult();
	}

}
