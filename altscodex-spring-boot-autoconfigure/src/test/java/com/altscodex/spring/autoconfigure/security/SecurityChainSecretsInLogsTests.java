package com.altscodex.spring.autoconfigure.security;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;

import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;
import com.altscodex.spring.autoconfigure.security.app.SecurityTestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secrets-in-logs guarantee through the security chain: Spring Security, the
 * starter and the codecs at TRACE, while users sign in both ways, fail, refresh and sign
 * out. No JWT, access or refresh token, code, state or client secret of the run appears
 * in any line. The two framework loggers that print request URIs at DEBUG (and so the
 * redirect's code and state) stay at INFO, as the README tells users to keep them.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecurityChainSecretsInLogsTests {

	private static final String CLIENT_ID = "secrets-tests";

	private static final String CLIENT_SECRET = "client-secret-that-must-never-be-logged";

	@RegisterExtension
	static final DeOAuthSimulatorExtension simulator = DeOAuthSimulatorExtension.create()
		.client(CLIENT_ID, CLIENT_SECRET, "*");

	@Test
	void signInBothWaysFailRefreshAndSignOutAtTraceThenNoSecretInLogs(CapturedOutput output) {
		int port = AltsCodexSecurityTests.freePort();
		String base = "http://127.0.0.1:" + port;
		List<String> secrets = new ArrayList<>(List.of(CLIENT_SECRET));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SecurityTestApplication.class)
			.properties("server.port=" + port, "altscodex.client-id=" + CLIENT_ID,
					"altscodex.client-secret=" + CLIENT_SECRET, "altscodex.redirect-uri=" + base + "/getinfo",
					"altscodex.auth-server-url=" + simulator.baseUrl(), "altscodex.platform-url=" + simulator.baseUrl(),
					"spring.http.codecs.log-request-details=true", "logging.level.org.springframework.security=TRACE",
					"logging.level.org.springframework.http=TRACE", "logging.level.org.springframework.core=TRACE",
					"logging.level.org.springframework.web=TRACE", "logging.level.com.altscodex=TRACE",
					"logging.level.org.springframework.web.server.adapter.HttpWebHandlerAdapter=INFO",
					"logging.level.reactor.netty.http.client.HttpClientConnect=INFO",
					"spring.reactor.netty.shutdown-quiet-period=0s")
			.run()) {
			SecurityTestApplication.SlotRecorder recorder = context.getBean(SecurityTestApplication.SlotRecorder.class);

			// the popup flow, a refresh, a sign-out
			BrowserSession alice = new BrowserSession(base);
			String aliceJwt = simulator.issueJwt("alice");
			secrets.add(aliceJwt);
			assertThat(alice.signIn(aliceJwt).getStatus()).isEqualTo(HttpStatus.OK);
			assertThat(alice.post("/api/refresh", true).getStatus()).isEqualTo(HttpStatus.OK);
			assertThat(alice.post("/logout", true).getStatus()).isEqualTo(HttpStatus.NO_CONTENT);
			Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> !simulator.requests("/oauth/logout").isEmpty());

			// an expired JWT, and a malformed body
			BrowserSession mallory = new BrowserSession(base);
			String expiredJwt = simulator.issueJwt("mallory", Duration.ofSeconds(-5));
			secrets.add(expiredJwt);
			assertThat(mallory.signIn(expiredJwt).getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(mallory.postJson("/login", "{\"jwt\":", true).getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);

			// the redirect flow, then its replay
			BrowserSession bob = new BrowserSession(base);
			URI platform = bob.get("/login/altscodex").getResponseHeaders().getLocation();
			EntityExchangeResult<byte[]> chosen = new BrowserSession(simulator.baseUrl())
				.get(AltsCodexSecurityTests.pathAndQuery(
						UriComponentsBuilder.fromUri(platform).replacePath("/oauth/login/choose")
							.queryParam("user", "bob").build().toUri()));
			URI back = chosen.getResponseHeaders().getLocation();
			var query = UriComponentsBuilder.fromUri(back).build().getQueryParams();
			secrets.add(query.getFirst("state"));
			secrets.add(query.getFirst("code"));
			assertThat(bob.get(AltsCodexSecurityTests.pathAndQuery(back)).getStatus()).isEqualTo(HttpStatus.FOUND);
			assertThat(bob.get(AltsCodexSecurityTests.pathAndQuery(back)).getStatus())
				.isEqualTo(HttpStatus.FORBIDDEN);

			secrets.addAll(recorder.accessTokens());
			secrets.addAll(recorder.otherSecrets());
			assertThat(recorder.accessTokens()).hasSize(2);
		}
		String logs = output.getAll();
		assertThat(logs).as("the run logged at TRACE").contains("AltsCodexAuthenticationToken");
		List<String> leaks = new ArrayList<>();
		for (String secret : secrets) {
			assertThat(secret).isNotBlank();
			logs.lines().filter((line) -> line.contains(secret)).map((line) -> line.replace(secret, "<SECRET>"))
				.forEach(leaks::add);
		}
		assertThat(leaks).as("log lines that show a secret of the run").isEmpty();
	}

}
