package com.altscodex.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.SlotInfo;
import com.altscodex.spring.client.TokenSet;
import com.altscodex.spring.test.DeOAuthSimulatorExtension;
import com.altscodex.spring.testsupport.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full login, refresh and logout with everything a user may switch on while
 * debugging (TRACE for Spring, Reactor Netty and the starter; request details in
 * codec logging): the logs hold neither the client secret, the JWT, the access token
 * nor the refresh token.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsInLogsTests {

	@RegisterExtension
	static final DeOAuthSimulatorExtension simulator = DeOAuthSimulatorExtension.create()
		.client(TestApplication.CLIENT_ID, TestApplication.CLIENT_SECRET, "http://127.0.0.1:*/login/altscodex");

	private static final String[] LOGGERS = { "org.springframework", "reactor.netty", "com.altscodex" };

	@AfterEach
	void restoreLogLevels() {
		// levels set by an application outlive its context in this JVM
		LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());
		for (String logger : LOGGERS) {
			loggingSystem.setLogLevel(logger, null);
		}
	}

	@Test
	void fullLoginAtTraceThenNoSecretInLogs(CapturedOutput output) {
		int port = TestApplication.freePort();
		String jwt = simulator.issueJwt("alice");
		String refreshToken = simulator.issueRefreshToken("alice");
		SlotInfo slot;
		TokenSet tokens;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.properties("server.port=" + port, "altscodex.client-id=" + TestApplication.CLIENT_ID,
					"altscodex.client-secret=" + TestApplication.CLIENT_SECRET,
					"altscodex.redirect-uri=http://127.0.0.1:" + port + "/login/altscodex",
					"altscodex.auth-server-url=" + simulator.baseUrl(), "spring.http.codecs.log-request-details=true",
					"logging.level.org.springframework=TRACE", "logging.level.reactor.netty=TRACE",
					"logging.level.com.altscodex=TRACE")
			.run()) {
			String body = WebClient.create("http://127.0.0.1:" + port)
				.post()
				.uri("/test-login")
				.bodyValue(jwt.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
				.retrieve()
				.bodyToMono(String.class)
				.block(Duration.ofSeconds(10));
			assertThat(body).contains("\"id\":\"alice\"");
			AltsCodexClient client = context.getBean(AltsCodexClient.class);
			slot = client.getSlotInfo(simulator.issueJwt("bob")).block(Duration.ofSeconds(10));
			tokens = client.refreshTokens(refreshToken, "c").block(Duration.ofSeconds(10));
			client.logout(jwt).block(Duration.ofSeconds(10));
			client.getSlotInfo(simulator.issueJwt("carol", Duration.ofSeconds(-1)))
				.onErrorResume((ex) -> reactor.core.publisher.Mono.empty())
				.block(Duration.ofSeconds(10));
		}
		String logs = output.getAll();
		// the capture saw the traffic it is meant to judge
		assertThat(logs).contains("headers=[Content-Type", "/v1/oauth-meta/authorize", "/v1/oauth-meta/get_token", "/oauth/token/refresh",
				"/oauth/logout");
		Map<String, String> secrets = new LinkedHashMap<>();
		secrets.put("client secret", TestApplication.CLIENT_SECRET);
		secrets.put("basic credentials", Base64.getEncoder()
			.encodeToString((TestApplication.CLIENT_ID + ":" + TestApplication.CLIENT_SECRET).getBytes()));
		secrets.put("jwt", jwt);
		secrets.put("jwt signature", jwt.substring(jwt.lastIndexOf('.') + 1));
		secrets.put("access token", slot.accessToken());
		secrets.put("refreshed access token", tokens.accessToken());
		secrets.put("new refresh token", tokens.refreshToken());
		secrets.put("refresh token", refreshToken);
		assertThat(leaks(logs, secrets)).isEmpty();
	}

	/**
	 * The log lines that hold a secret, with the secret replaced by its name, so a
	 * failure report shows where it leaked without leaking it further.
	 */
	private static List<String> leaks(String logs, Map<String, String> secrets) {
		List<String> leaks = new ArrayList<>();
		for (String line : logs.split("\\R")) {
			for (Map.Entry<String, String> secret : secrets.entrySet()) {
				if (line.contains(secret.getValue())) {
					String shown = line.replace(secret.getValue(), "<" + secret.getKey() + ">");
					leaks.add(shown.substring(0, Math.min(shown.length(), 400)));
				}
			}
		}
		return leaks;
	}

}
