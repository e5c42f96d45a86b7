package com.altscodex.spring;

import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.SlotInfo;
import com.altscodex.spring.client.TokenSet;
import com.altscodex.deoauth.simulator.CallbackAttempt;
import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;
import com.altscodex.spring.testsupport.LogCapture;
import com.altscodex.spring.testsupport.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full login, refresh and logout with everything a user may switch on while
 * debugging (TRACE for Spring, Reactor Netty and the starter; request details in
 * codec logging): the logs hold neither the client secret, the JWT, the access token
 * nor the refresh token. Nor do they during a burst of concurrent logins with
 * observations, metrics and the actuator endpoints active, nor do they hold a code or
 * a whole state outside the framework's request lines.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsInLogsTests {

	@RegisterExtension
	static final DeOAuthSimulatorExtension simulator = DeOAuthSimulatorExtension.create()
		.client(TestApplication.CLIENT_ID, TestApplication.CLIENT_SECRET, "http://127.0.0.1:*/login/altscodex");

	private static final String[] LOGGERS = { "org.springframework", "reactor.netty", "io.micrometer",
			"com.altscodex" };

	/*
	 * Framework loggers that print the URI of every request: Reactor Netty's client
	 * (authorize carries the state in its query) and Spring's server request line (the
	 * callback carries state and code in its query). Their lines may hold exactly those
	 * values, which the README tells users to keep below DEBUG; nothing else may.
	 */
	private static final Map<String, Set<String>> REQUEST_LINE_LOGGERS = Map.of(
			"reactor.netty.http.client.HttpClientConnect", Set.of("state"),
			"org.springframework.web.server.adapter.HttpWebHandlerAdapter", Set.of("state", "code"));

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

	@Test
	void loginBurstWithObservationAndActuatorAtTraceThenNoSecretInLogs(CapturedOutput output) {
		int port = TestApplication.freePort();
		int logins = 250;
		int throughTheApplication = 20;
		List<String> jwts = IntStream.range(0, logins + throughTheApplication)
			.mapToObj((i) -> simulator.issueJwt("user-" + i))
			.toList();
		List<SlotInfo> slots;
		String burstLogs;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.properties("server.port=" + port, "altscodex.client-id=" + TestApplication.CLIENT_ID,
					"altscodex.client-secret=" + TestApplication.CLIENT_SECRET,
					"altscodex.redirect-uri=http://127.0.0.1:" + port + "/login/altscodex",
					"altscodex.auth-server-url=" + simulator.baseUrl(), "spring.http.codecs.log-request-details=true",
					// what is logged is under test, not how fast: at TRACE, a burst on two
					// busy cores can outlast the default 10s response timeout
					"altscodex.http.response-timeout=60s",
					"management.endpoints.web.exposure.include=health,altscodex,metrics",
					"management.endpoint.health.show-details=always", "logging.level.org.springframework=TRACE",
					"logging.level.reactor.netty=TRACE", "logging.level.io.micrometer=TRACE",
					"logging.level.com.altscodex=TRACE",
					// whole thread and logger names, to tell the simulator's lines and the request lines apart
					"logging.pattern.console=%d %5p [%t] %c : %m%n")
			.run(); LogCapture capture = LogCapture.insteadOfConsole()) {
			AltsCodexClient client = context.getBean(AltsCodexClient.class);
			WebClient app = WebClient.create("http://127.0.0.1:" + port);
			Mono<List<SlotInfo>> direct = Flux.range(0, logins)
				.flatMap((i) -> client.getSlotInfo(jwts.get(i), Duration.ofSeconds(60)), logins)
				.collectList();
			Mono<Long> routed = Flux.range(logins, throughTheApplication)
				.flatMap((i) -> app.post()
					.uri("/test-login")
					.bodyValue(jwts.get(i).getBytes(StandardCharsets.US_ASCII))
					.retrieve()
					.toBodilessEntity())
				.count();
			slots = Mono.zip(direct, routed).map(Tuple2::getT1).block(Duration.ofSeconds(120));
			for (String endpoint : List.of("/actuator/health", "/actuator/altscodex",
					"/actuator/metrics/altscodex.login", "/actuator/metrics/altscodex.pending.logins")) {
				app.get().uri(endpoint).retrieve().toBodilessEntity().block(Duration.ofSeconds(10));
			}
			// too much to print: kept in memory, start-up and shutdown go to the console
			burstLogs = capture.text();
		}
		assertThat(slots).hasSize(logins);
		List<String> states = simulator.requests("/v1/oauth-meta/authorize")
			.stream()
			.map((authorize) -> authorize.queryParam("state"))
			.toList();
		List<String> codes = simulator.callbacks().stream().map(CallbackAttempt::code).toList();
		assertThat(states).hasSize(logins + throughTheApplication);
		assertThat(codes).hasSize(logins + throughTheApplication);

		String logs = output.getAll() + burstLogs;
		// the capture saw what it is meant to judge
		assertThat(logs).contains("AltsCodex client 'default' (client id " + TestApplication.CLIENT_ID
				+ ") receives DeOAuth callbacks on /login/altscodex; at most 10000 pending logins, kept in memory")
			.contains("Login " + states.get(0).substring(0, 6) + "… succeeded", "/v1/oauth-meta/get_token",
					"/actuator/altscodex", "altscodex.login");
		Map<String, Collection<String>> secrets = new LinkedHashMap<>();
		secrets.put("client secret", List.of(TestApplication.CLIENT_SECRET));
		secrets.put("basic credentials", List.of(Base64.getEncoder()
			.encodeToString((TestApplication.CLIENT_ID + ":" + TestApplication.CLIENT_SECRET).getBytes())));
		secrets.put("jwt", jwts);
		secrets.put("jwt signature", jwts.stream().map((jwt) -> jwt.substring(jwt.lastIndexOf('.') + 1)).toList());
		secrets.put("access token", slots.stream().map(SlotInfo::accessToken).toList());
		secrets.put("code", codes);
		secrets.put("state", states);
		List<String> leaks = new ArrayList<>();
		for (String line : logs.split("\\R")) {
			if (line.contains("[deoauth-simulator-")) {
				// DeOAuth's side of the conversation: it issued these values
				continue;
			}
			Set<String> allowed = REQUEST_LINE_LOGGERS.entrySet()
				.stream()
				.filter((logger) -> line.contains("] " + logger.getKey() + " : "))
				.map(Map.Entry::getValue)
				.findFirst()
				.orElse(Set.of());
			secrets.forEach((name, values) -> {
				if (!allowed.contains(name)) {
					for (String value : values) {
						if (line.contains(value)) {
							String shown = line.replace(value, "<" + name + ">");
							leaks.add(shown.substring(0, Math.min(shown.length(), 400)));
							return;
						}
					}
				}
			});
			if (leaks.size() > 20) {
				break;
			}
		}
		assertThat(leaks).isEmpty();
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
