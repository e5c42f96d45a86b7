package com.altscodex.spring;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.web.reactive.function.client.WebClient;

import com.altscodex.deoauth.simulator.CallbackAttempt;
import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;
import com.altscodex.deoauth.simulator.RecordedRequest;
import com.altscodex.spring.SecretsInLogsApplication.Answer;
import com.altscodex.spring.SecretsInLogsApplication.DeOAuthAnswerTap;
import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.client.AltsCodexHttpException;
import com.altscodex.spring.client.SlotInfo;
import com.altscodex.spring.client.TokenRefreshFailedException;
import com.altscodex.spring.client.TokenSet;
import com.altscodex.spring.client.pending.StateAbbreviation;
import com.altscodex.spring.testsupport.LogCapture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Everything a user may switch on while debugging (TRACE for Spring, Reactor Netty,
 * Micrometer and the starter; request details in codec logging), and every secret of
 * the run checked against every log line: each JWT issued, each access and refresh
 * token DeOAuth answered (read off the wire by the application's
 * {@link DeOAuthAnswerTap}), each code DeOAuth called back with, the client secrets,
 * their Basic credentials and each login's state, of which the starter may show the
 * first six characters only.
 * <p>
 * Two framework loggers print request URIs at DEBUG, which the README tells users to
 * keep below DEBUG: their lines may show exactly the kinds listed in
 * {@link #REQUEST_LINE_LOGGERS}. Lines logged on the simulator's own threads may show
 * what DeOAuth issued and the callbacks it sends, never a client's credentials. No
 * other line may show any secret, and the test proves it looked: it finds the lines
 * the allowances cover, the JSON encoder's TRACE line of every slot the application
 * answered with, and the starter's DEBUG line of every login and failure path.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsInLogsTests {

	@RegisterExtension
	static final DeOAuthSimulatorExtension simulator = DeOAuthSimulatorExtension.create()
		.client(SecretsInLogsApplication.CLIENT_ID, SecretsInLogsApplication.CLIENT_SECRET,
				"http://127.0.0.1:*/login/altscodex")
		.resetBetweenTests();

	private static final String CLIENT_ID = SecretsInLogsApplication.CLIENT_ID;

	private static final String CLIENT_SECRET = SecretsInLogsApplication.CLIENT_SECRET;

	/** The secret of client 'wrong', which DeOAuth does not know: get_token answers 401. */
	private static final String WRONG_CLIENT_SECRET = "wrong-secret-value-5678";

	private static final String AUTHORIZE = "/v1/oauth-meta/authorize";

	private static final String GET_TOKEN = "/v1/oauth-meta/get_token";

	private static final String REFRESH = "/oauth/token/refresh";

	private static final String LOGOUT = "/oauth/logout";

	private static final String[] LOGGERS = { "org.springframework", "reactor.netty", "io.micrometer",
			"com.altscodex" };

	private static final String CLIENT_LOGGER = "com.altscodex.spring.client.DefaultAltsCodexClient";

	private static final String REGISTRY_LOGGER = "com.altscodex.spring.client.pending.InMemoryPendingLoginRegistry";


	private static final Duration WAIT = Duration.ofSeconds(30);

	static final String STATE = "state";

	static final String CODE = "code";

	static final String JWT = "jwt";

	static final String ACCESS_TOKEN = "access token";

	static final String REFRESH_TOKEN = "refresh token";

	static final String CLIENT_SECRET_KIND = "client secret";

	static final String BASIC_CREDENTIALS = "basic credentials";

	/*
	 * Framework loggers that print the URI of every request: Reactor Netty's client
	 * (authorize carries the state in its query) and Spring's server request line (the
	 * callback carries state and code in its query). Their lines may hold exactly those
	 * kinds, which the README tells users to keep below DEBUG; nothing else may.
	 */
	static final Map<String, Set<String>> REQUEST_LINE_LOGGERS = Map.of(
			"reactor.netty.http.client.HttpClientConnect", Set.of(STATE),
			"org.springframework.web.server.adapter.HttpWebHandlerAdapter", Set.of(STATE, CODE));

	/*
	 * DeOAuth's side of the conversation, on the simulator's own threads: what it issued
	 * and the callbacks it sends (which carry the state back). A client's credentials
	 * are never its to show.
	 */
	static final String SIMULATOR_THREADS = "deoauth-simulator-";

	static final Set<String> SIMULATOR_MAY_SHOW = Set.of(JWT, ACCESS_TOKEN, REFRESH_TOKEN, CODE, STATE);

	private static final SecureRandom random = new SecureRandom();

	@AfterEach
	void restoreLogLevels() {
		// levels set by an application outlive its context in this JVM
		LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());
		for (String logger : LOGGERS) {
			loggingSystem.setLogLevel(logger, null);
		}
	}

	@Test
	void loginRefreshLogoutAndEveryFailurePathAtTraceThenNoSecretInLogs(CapturedOutput output) {
		int port = TestSocketUtils.findAvailableTcpPort();
		String redirectUri = "http://127.0.0.1:" + port + "/login/altscodex";
		Secrets secrets = new Secrets();
		List<String> expectedLines = new ArrayList<>();
		List<String> answeredWithSlot = new ArrayList<>();
		int callbacks = 0;
		String captured;
		List<Answer> answers;
		try (ConfigurableApplicationContext context = application(port,
				// a client DeOAuth knows under another secret, and one that lets one login wait at a time
				"altscodex.clients.wrong.client-id=" + CLIENT_ID,
				"altscodex.clients.wrong.client-secret=" + WRONG_CLIENT_SECRET,
				"altscodex.clients.wrong.redirect-uri=" + redirectUri, "altscodex.clients.limited.client-id=" + CLIENT_ID,
				"altscodex.clients.limited.client-secret=" + CLIENT_SECRET,
				"altscodex.clients.limited.redirect-uri=" + redirectUri,
				"altscodex.clients.limited.max-pending-logins=1")
			.run(); LogCapture capture = LogCapture.insteadOfConsole()) {
			AltsCodexClients clients = context.getBean(AltsCodexClients.class);
			AltsCodexClient client = clients.get("default");
			DeOAuthAnswerTap tap = context.getBean(DeOAuthAnswerTap.class);
			App app = new App(port);

			// logins that succeed, through the application, which answers with the slot
			String aliceJwt = secrets.jwt("alice");
			assertThat(app.signIn("default", aliceJwt)).satisfies((answer) -> {
				assertThat(answer.status()).isEqualTo(200);
				assertThat(answer.body()).contains("\"id\":\"alice\"").doesNotContain("access_token");
			});
			expectedLines.add(loginLine(lastState(), "succeeded"));
			answeredWithSlot.add("alice");
			callbacks++;
			simulator.behavior().wrapSlotInData(true);
			assertThat(app.signIn("default", secrets.jwt("erin")).status()).isEqualTo(200);
			expectedLines.add(loginLine(lastState(), "succeeded"));
			answeredWithSlot.add("erin");
			callbacks++;
			simulator.behavior().reset().duplicateCallback(true);
			assertThat(app.signIn("default", secrets.jwt("frank")).status()).isEqualTo(200);
			callbacks += 2;
			simulator.awaitCallbacks(callbacks).block(WAIT);
			expectedLines.add(loginLine(lastState(), "succeeded"));
			// dropped as a duplicate, or as unknown when the login has ended already
			expectedLines.add(callbackLine(lastState(), "dropped: "));
			answeredWithSlot.add("frank");
			simulator.behavior().reset();

			// directly with the client, then refresh (twice: rotated tokens), logout
			SlotInfo bob = client.getSlotInfo(secrets.jwt("bob")).block(WAIT);
			callbacks++;
			expectedLines.add(loginLine(lastState(), "succeeded"));
			String issuedRefreshToken = secrets.add(REFRESH_TOKEN, simulator.issueRefreshToken("bob"));
			TokenSet refreshed = client.refreshTokens(issuedRefreshToken, bob.code()).block(WAIT);
			TokenSet rotated = client.refreshTokens(refreshed.refreshToken(), refreshed.code()).block(WAIT);
			// the refresh token get_token gave alice's login, which only the tap saw
			String aliceRefreshToken = refreshTokenOfSlot(tap.answers(), "alice");
			TokenSet aliceRefreshed = client.refreshTokens(aliceRefreshToken, "c").block(WAIT);
			client.logout(aliceJwt).block(WAIT);

			// failure paths
			assertThat(app.signIn("default", secrets.jwt("carol", Duration.ofMinutes(-1))).status()).isEqualTo(401);
			expectedLines.add(loginLine(lastState(), "failed: expired (AuthorizeFailedException)"));

			simulator.behavior().rejectCallback("ACCESS_DENIED");
			assertThat(app.signIn("default", secrets.jwt("dave")).status()).isEqualTo(502);
			callbacks++;
			expectedLines.add(loginLine(lastState(), "failed: rejected (AuthorizeRejectedException)"));

			simulator.behavior().reset().callbackWithoutCode(true);
			assertThat(app.signIn("default", secrets.jwt("dave")).status()).isEqualTo(502);
			callbacks++;
			expectedLines.add(loginLine(lastState(), "failed: rejected (AuthorizeRejectedException)"));

			simulator.behavior().reset().withholdCallback(true);
			assertThat(app.signIn("default", secrets.jwt("dave"), Duration.ofMillis(300)).status()).isEqualTo(408);
			expectedLines.add(loginLine(lastState(), "failed: timeout (CallbackTimeoutException)"));

			// a callback after the timeout: its code is never exchanged
			simulator.behavior().reset().callbackDelay(Duration.ofMillis(700));
			assertThat(app.signIn("default", secrets.jwt("dave"), Duration.ofMillis(300)).status()).isEqualTo(408);
			callbacks++;
			simulator.awaitCallbacks(callbacks).block(WAIT);
			expectedLines.add(loginLine(lastState(), "failed: timeout (CallbackTimeoutException)"));
			expectedLines.add(callbackLine(lastState(), "dropped: no login is pending"));

			// DeOAuth answers 500 with token-like values in its body
			String authorizeLeak = secrets.add(ACCESS_TOKEN, tokenLike("at_"));
			simulator.behavior().reset().authorizeHttpStatus(500, "Internal error, token " + authorizeLeak);
			assertThat(app.signIn("default", secrets.jwt("dave")).status()).isEqualTo(502);
			expectedLines.add(loginLine(lastState(), "failed: http_error (AltsCodexHttpException)"));
			simulator.behavior()
				.reset()
				.getTokenHttpStatus(500, "{\"error\":\"server_error\",\"access_token\":\"" + tokenLike("at_")
						+ "\",\"refresh_token\":\"" + tokenLike("rt_") + "\"}");
			assertThat(app.signIn("default", secrets.jwt("dave")).status()).isEqualTo(502);
			callbacks++;
			expectedLines.add(loginLine(lastState(), "failed: http_error (AltsCodexHttpException)"));

			// get_token answers junk
			String junkLeak = secrets.add(ACCESS_TOKEN, tokenLike("at_"));
			simulator.behavior().reset().getTokenJunk("<html>oops " + junkLeak + "</html>");
			assertThat(app.signIn("default", secrets.jwt("dave")).status()).isEqualTo(500);
			callbacks++;
			expectedLines.add(loginLine(lastState(), "failed: failed (InvalidResponseException)"));
			simulator.behavior().reset().getTokenJunk("{\"data\":{\"access_token\":\"" + tokenLike("at_") + "\"}}");
			assertThat(app.signIn("default", secrets.jwt("dave")).status()).isEqualTo(500);
			callbacks++;
			expectedLines.add(loginLine(lastState(), "failed: failed (InvalidResponseException)"));
			simulator.behavior().reset();

			// a wrong client secret: get_token answers 401, refresh refuses the credentials
			assertThat(app.signIn("wrong", secrets.jwt("grace")).status()).isEqualTo(502);
			callbacks++;
			expectedLines.add(loginLine(lastState(), "failed: http_error (AltsCodexHttpException)"));
			assertThat(failure(clients.get("wrong").refreshTokens(rotated.refreshToken(), rotated.code())))
				.isInstanceOf(TokenRefreshFailedException.class);

			// refresh refused: a refresh token already used
			assertThat(failure(client.refreshTokens(issuedRefreshToken, bob.code())))
				.isInstanceOf(TokenRefreshFailedException.class);
			// a code exchanged twice: get_token answers 400
			assertThat(failure(client.exchangeCode(bob.code()))).isInstanceOf(AltsCodexHttpException.class);
			// logout with a JWT DeOAuth did not sign: 401
			String forged = secrets.add(JWT, aliceJwt.substring(0, aliceJwt.lastIndexOf('.') + 1) + randomText(32));
			assertThat(failure(client.logout(forged))).isInstanceOf(AltsCodexHttpException.class);

			// altscodex.max-pending-logins reached: one login of 'limited' waits, the next is refused
			simulator.behavior().withholdCallback(true);
			Mono<RecordedRequest> authorized = simulator.awaitRequest(AUTHORIZE);
			Disposable waiting = clients.get("limited")
				.getSlotInfo(secrets.jwt("heidi"), WAIT)
				.subscribe(null, (ex) -> {
				});
			String waitingState = authorized.block(WAIT).queryParam("state");
			assertThat(app.signIn("limited", secrets.jwt("ivan")).status()).isEqualTo(503);
			// cancelled once authorize is answered, so that the tap sees every answer
			await().atMost(WAIT).until(() -> answersTo(tap.answers(), AUTHORIZE) == simulator.requests(AUTHORIZE).size());
			waiting.dispose();
			expectedLines.add(loginLine(waitingState, "cancelled"));
			simulator.behavior().reset();

			simulator.awaitCallbacks(callbacks).block(WAIT);
			captured = capture.text();
			answers = tap.answers();

			// the tap saw the answer to every call, and the tokens application code got
			assertThat(answers).as("DeOAuth refused the wrong client secret")
				.anyMatch((answer) -> answer.path().equals(GET_TOKEN) && answer.status() == 401)
				.anyMatch((answer) -> answer.path().equals(REFRESH)
						&& answer.body().contains("Invalid client credentials"));
			assertThat(answers).filteredOn((answer) -> answer.path().equals(GET_TOKEN))
				.hasSameSizeAs(simulator.requests(GET_TOKEN));
			assertThat(answers).filteredOn((answer) -> answer.path().equals(REFRESH))
				.hasSameSizeAs(simulator.requests(REFRESH));
			assertThat(answers).filteredOn((answer) -> answer.path().equals(AUTHORIZE))
				.hasSameSizeAs(simulator.requests(AUTHORIZE));
			assertThat(answers).filteredOn((answer) -> answer.path().equals(LOGOUT))
				.hasSameSizeAs(simulator.requests(LOGOUT));
			assertThat(tokens(answers, "access_token")).contains(bob.accessToken(), refreshed.accessToken(),
					rotated.accessToken(), aliceRefreshed.accessToken());
			assertThat(tokens(answers, "refresh_token")).contains(refreshed.refreshToken(), rotated.refreshToken(),
					aliceRefreshed.refreshToken(), aliceRefreshToken);
			assertThat(codesOfSlots(answers)).contains(bob.code(), refreshed.code(), rotated.code());
		}
		assertThat(simulator.callbacks()).hasSize(callbacks);
		assertThat(slots(answers)).hasSize(4);
		collect(secrets, answers);
		// 4 slots and 3 refreshes; the two 500 answers and the two junk answers hold one each
		assertThat(secrets.of(ACCESS_TOKEN)).hasSize(4 + 3 + 4);
		// the one the simulator issued to the test, 4 slots, 3 refreshes, the 500 of get_token
		assertThat(secrets.of(REFRESH_TOKEN)).hasSize(1 + 4 + 3 + 1);
		// every callback with a code (the duplicate twice with one), and those of the 3 refreshes
		assertThat(secrets.of(CODE)).hasSize(9 + 3);
		assertThat(secrets.of(STATE)).hasSameSizeAs(simulator.requests(AUTHORIZE));

		String logs = output.getAll() + captured;
		Scan scan = new Scan(secrets, logs);
		assertSawWhatItJudges(scan, answers, answeredWithSlot, expectedLines);
		assertThat(scan.lines()).as("the starter's DEBUG line of the login refused by altscodex.max-pending-logins")
			.anyMatch((line) -> line.startsWith("DEBUG " + CLIENT_LOGGER + " : Login ")
					&& line.endsWith(" failed: overloaded (TooManyPendingLoginsException)"));
		assertThat(scan.lines()).as("the capture saw the calls to refresh and logout")
			.anyMatch((line) -> line.contains(REFRESH))
			.anyMatch((line) -> line.contains(LOGOUT));
		assertThat(scan.leaks()).isEmpty();
	}

	@Test
	void loginBurstWithObservationAndActuatorAtTraceThenNoSecretInLogs(CapturedOutput output) {
		int port = TestSocketUtils.findAvailableTcpPort();
		int logins = 200;
		int throughTheApplication = 20;
		Secrets secrets = new Secrets();
		List<String> jwts = IntStream.range(0, logins + throughTheApplication)
			.mapToObj((i) -> secrets.jwt("user-" + i))
			.toList();
		List<SlotInfo> slots;
		String captured;
		List<Answer> answers;
		try (ConfigurableApplicationContext context = application(port,
				// what is logged is under test, not how fast: at TRACE, a burst on two
				// busy cores can outlast the default 10s response timeout
				"altscodex.http.response-timeout=60s",
				"management.endpoints.web.exposure.include=health,altscodex,metrics",
				"management.endpoint.health.show-details=always")
			.run(); LogCapture capture = LogCapture.insteadOfConsole()) {
			AltsCodexClient client = context.getBean(AltsCodexClient.class);
			App app = new App(port);
			Mono<List<SlotInfo>> direct = Flux.range(0, logins)
				.flatMap((i) -> client.getSlotInfo(jwts.get(i), Duration.ofSeconds(60)), logins)
				.collectList();
			Mono<Long> routed = Flux.range(logins, throughTheApplication)
				.flatMap((i) -> app.signInLater("default", jwts.get(i), null))
				.filter((answer) -> answer.status() == 200)
				.count();
			Tuple2<List<SlotInfo>, Long> burst = Mono.zip(direct, routed).block(Duration.ofSeconds(120));
			slots = burst.getT1();
			assertThat(burst.getT2()).isEqualTo(throughTheApplication);
			for (String endpoint : List.of("/actuator/health", "/actuator/altscodex",
					"/actuator/metrics/altscodex.login", "/actuator/metrics/altscodex.pending.logins")) {
				assertThat(app.get(endpoint).status()).isEqualTo(200);
			}
			simulator.awaitCallbacks(logins + throughTheApplication).block(WAIT);
			// too much to print: kept in memory, start-up and shutdown go to the console
			captured = capture.text();
			answers = context.getBean(DeOAuthAnswerTap.class).answers();
		}
		assertThat(slots).hasSize(logins);
		assertThat(simulator.requests(AUTHORIZE)).hasSize(logins + throughTheApplication);
		assertThat(simulator.callbacks()).hasSize(logins + throughTheApplication);
		assertThat(answers).filteredOn((answer) -> answer.path().equals(GET_TOKEN))
			.hasSize(logins + throughTheApplication);
		collect(secrets, answers);
		assertThat(secrets.of(ACCESS_TOKEN)).hasSize(logins + throughTheApplication)
			.containsAll(slots.stream().map(SlotInfo::accessToken).toList());
		assertThat(secrets.of(REFRESH_TOKEN)).hasSize(logins + throughTheApplication);
		assertThat(secrets.of(CODE)).hasSize(logins + throughTheApplication);

		String logs = output.getAll() + captured;
		Scan scan = new Scan(secrets, logs);
		List<String> expectedLines = new ArrayList<>();
		for (RecordedRequest authorize : simulator.requests(AUTHORIZE)) {
			expectedLines.add(loginLine(authorize.queryParam("state"), "succeeded"));
		}
		List<String> routedUsers = IntStream.range(logins, logins + throughTheApplication)
			.mapToObj((i) -> "user-" + i)
			.toList();
		assertSawWhatItJudges(scan, answers, routedUsers, expectedLines);
		// at start-up, on the console: in this pattern or, when another application in this JVM
		// has initialized the logging system already, in that one's
		assertThat(logs).contains("AltsCodex client 'default' (client id " + CLIENT_ID
				+ ") receives DeOAuth callbacks on /login/altscodex; at most 10000 pending logins, kept in memory");
		assertThat(scan.lines()).as("the capture saw the actuator and the observations")
			.anyMatch((line) -> line.contains("/actuator/altscodex"))
			.anyMatch((line) -> line.contains("altscodex.login"));
		assertThat(scan.leaks()).isEmpty();
	}

	/**
	 * The scan itself: each kind of secret is found wherever it is, in whole or in a
	 * recognizable part, except where its allowance covers it, which depends on the
	 * line's logger and thread as the log pattern shows them, not on what the message
	 * says.
	 */
	@Test
	void scanFindsEverySecretOutsideItsAllowances() {
		Secrets secrets = new Secrets();
		String state = secrets.add(STATE, "Xq3vT9abcdefghijklmnopqrstuvwxyz");
		String code = secrets.add(CODE, "04ZVtNK6-YMYAE06e6LUPRogDG3-uVl2");
		String accessToken = secrets.add(ACCESS_TOKEN, "at_" + randomText(32));
		String refreshToken = secrets.add(REFRESH_TOKEN, "rt_" + randomText(32));
		String jwt = secrets.jwt("alice");
		secrets.add(CLIENT_SECRET_KIND, CLIENT_SECRET);
		String basic = basic(CLIENT_ID, CLIENT_SECRET);
		String signature = jwt.substring(jwt.lastIndexOf('.') + 1);
		String adapter = " TRACE [reactor-http-epoll-1] org.springframework.web.server.adapter.HttpWebHandlerAdapter : ";
		String connect = " DEBUG [reactor-http-epoll-2] reactor.netty.http.client.HttpClientConnect : ";
		String simulatorLine = " DEBUG [deoauth-simulator-epoll-2] reactor.netty.http.client.HttpClientConnect : ";
		String starter = " DEBUG [reactor-http-epoll-3] " + CLIENT_LOGGER + " : ";
		String time = "2026-01-01 10:00:00,000";
		Map<String, String> allowed = new LinkedHashMap<>();
		allowed.put("callback line", time + adapter + "HTTP POST \"/login/altscodex?state=" + state + "&code=" + code);
		allowed.put("authorize line", time + connect + "{uri=http://x/v1/oauth-meta/authorize?state=" + state);
		allowed.put("simulator line", time + simulatorLine + "state=" + state + "&code=" + code + " " + accessToken
				+ " " + refreshToken + " " + jwt);
		allowed.put("abbreviated state", time + starter + "Login " + StateAbbreviation.of(state) + " succeeded");
		List<Map.Entry<String, String>> leaking = List.of(
				Map.entry(CODE, time + connect + "{uri=http://x/login/altscodex?code=" + code),
				Map.entry(ACCESS_TOKEN, time + adapter + "Completed 200 " + accessToken),
				Map.entry(CLIENT_SECRET_KIND, time + simulatorLine + "client_secret=" + CLIENT_SECRET),
				Map.entry(BASIC_CREDENTIALS, time + simulatorLine + "Authorization: Basic " + basic),
				Map.entry(STATE, time + starter + "Login " + state.substring(0, 7) + " succeeded"),
				Map.entry(JWT, time + starter + "Encoding [..." + signature.substring(0, 12) + "]"),
				// nor has a line in another pattern, whose logger and thread may be abbreviated
				Map.entry(CODE, "2026-01-01T10:00:00.000Z DEBUG 1 --- [           main] "
						+ "o.s.w.s.adapter.HttpWebHandlerAdapter    : HTTP POST \"/login/altscodex?code=" + code),
				// a stack trace's line has no logger to be allowed by
				Map.entry(REFRESH_TOKEN, "\tat " + refreshToken.substring(refreshToken.length() - 12)),
				// the allowance goes by the line's logger, not by what its message says
				Map.entry(STATE, time + starter
						+ "] org.springframework.web.server.adapter.HttpWebHandlerAdapter : state=" + state));
		allowed.forEach((name, line) -> assertThat(new Scan(secrets, line).leaks()).as(name).isEmpty());
		assertThat(new Scan(secrets, String.join("\n", allowed.values())).hits()).extracting(Hit::kind)
			.contains(STATE, CODE, ACCESS_TOKEN, REFRESH_TOKEN, JWT);
		leaking.forEach((leaked) -> assertThat(new Scan(secrets, leaked.getValue()).leaks()).as(leaked.getKey())
			.singleElement()
			.satisfies((leak) -> {
				assertThat(leak.kind()).isEqualTo(leaked.getKey());
				assertThat(leak.shown()).contains("<" + leaked.getKey() + ">")
					.doesNotContain(state, code, accessToken, refreshToken, signature, CLIENT_SECRET, basic);
			}));
	}

	/**
	 * What proves that the scan had something to judge: the allowances were needed (the
	 * request lines and the simulator's lines do show the secrets they may show, so the
	 * secrets collected are the run's), the JSON encoder's TRACE line of every slot the
	 * application answered with (id and nickname shown, access token and code masked),
	 * and the starter's lines expected of this run.
	 */
	private static void assertSawWhatItJudges(Scan scan, List<Answer> answers, List<String> answeredWithSlot,
			List<String> expectedLines) {
		assertThat(scan.hits()).as("secrets shown where they may be")
			.anyMatch((hit) -> hit.is("reactor.netty.http.client.HttpClientConnect", STATE))
			.anyMatch((hit) -> hit.is("org.springframework.web.server.adapter.HttpWebHandlerAdapter", STATE))
			.anyMatch((hit) -> hit.is("org.springframework.web.server.adapter.HttpWebHandlerAdapter", CODE))
			.anyMatch((hit) -> hit.thread() != null && hit.thread().startsWith(SIMULATOR_THREADS)
					&& hit.kind().equals(CODE));
		assertThat(scan.lines()).as("TRACE and DEBUG lines of the frameworks, with request details")
			.anyMatch((line) -> line.startsWith("TRACE org.springframework.web.server.adapter.HttpWebHandlerAdapter : ")
					&& line.contains("HTTP POST \"/login/altscodex?state=") && line.contains("headers="))
			.anyMatch((line) -> line.startsWith("DEBUG reactor.netty.http.client.HttpClientConnect : ")
					&& line.contains(GET_TOKEN));
		Map<String, JsonNode> slots = slots(answers);
		List<String> encodings = scan.linesFrom("org.springframework.http.codec.json.JacksonJsonEncoder", "TRACE");
		for (String id : answeredWithSlot) {
			JsonNode slot = slots.get(id);
			assertThat(slot).as("DeOAuth's slot for " + id).isNotNull();
			String accessToken = slot.get("access_token").asString();
			String code = slot.get("code").asString();
			assertThat(encodings).as("the JSON encoder's TRACE line of the slot of " + id)
				.anySatisfy((encoding) -> assertThat(encoding)
					.contains("Encoding [SlotInfo[id=\"" + id + "\", accessToken=******",
							"tokenNickname=\"" + slot.get("token_nickname").asString() + "\"", "code=******, refreshToken=******]]")
					.doesNotContain(accessToken, code));
		}
		List<String> lines = scan.lines();
		for (String expected : expectedLines) {
			assertThat(lines).as("the starter's line " + expected).anyMatch((line) -> line.startsWith(expected));
		}
	}

	private static String loginLine(String state, String outcome) {
		return "DEBUG " + CLIENT_LOGGER + " : Login " + StateAbbreviation.of(state) + " " + outcome;
	}

	private static String callbackLine(String state, String outcome) {
		return "DEBUG " + REGISTRY_LOGGER + " : Callback for state " + StateAbbreviation.of(state) + " " + outcome;
	}

	private static long answersTo(List<Answer> answers, String path) {
		return answers.stream().filter((answer) -> answer.path().equals(path)).count();
	}

	private static String lastState() {
		List<RecordedRequest> authorizations = simulator.requests(AUTHORIZE);
		return authorizations.get(authorizations.size() - 1).queryParam("state");
	}

	private static SpringApplicationBuilder application(int port, String... properties) {
		return new SpringApplicationBuilder(SecretsInLogsApplication.class)
			.properties("server.port=" + port, "altscodex.client-id=" + CLIENT_ID,
					"altscodex.client-secret=" + CLIENT_SECRET,
					"altscodex.redirect-uri=http://127.0.0.1:" + port + "/login/altscodex",
					"altscodex.auth-server-url=" + simulator.baseUrl(), "spring.http.codecs.log-request-details=true",
					"logging.level.org.springframework=TRACE", "logging.level.reactor.netty=TRACE",
					"logging.level.io.micrometer=TRACE", "logging.level.com.altscodex=TRACE",
					// LogCapture's pattern, whole thread and logger names, also for start-up and shutdown
					// (unless another application in this JVM has initialized the logging system: the
					// scan then allows nothing in those lines, whose logger and thread it cannot read)
					"logging.pattern.console=%d %5p [%t] %c : %m%n",
					// nothing is in flight when the test closes the application
					"spring.reactor.netty.shutdown-quiet-period=0s")
			.properties(properties);
	}

	private static Throwable failure(Mono<?> call) {
		return call.then(Mono.<Throwable>empty()).onErrorResume(Mono::just).blockOptional(WAIT).orElseThrow();
	}

	/**
	 * Adds what DeOAuth answered the application to the secrets: every access and
	 * refresh token in its answers (successful or not) and the code of every slot and
	 * refresh answer; and the code of every callback it sent, and each login's state.
	 */
	private static void collect(Secrets secrets, List<Answer> answers) {
		tokens(answers, "access_token").forEach((token) -> secrets.add(ACCESS_TOKEN, token));
		tokens(answers, "refresh_token").forEach((token) -> secrets.add(REFRESH_TOKEN, token));
		codesOfSlots(answers).forEach((code) -> secrets.add(CODE, code));
		for (CallbackAttempt callback : simulator.callbacks()) {
			// a rejection's "code" (ACCESS_DENIED) is an error code, not a secret
			if ("1".equals(callback.success()) && callback.code() != null) {
				secrets.add(CODE, callback.code());
			}
			secrets.add(STATE, callback.state());
		}
		for (RecordedRequest authorize : simulator.requests(AUTHORIZE)) {
			secrets.add(STATE, authorize.queryParam("state"));
		}
	}

	private static List<String> tokens(List<Answer> answers, String field) {
		List<String> tokens = new ArrayList<>();
		for (Answer answer : answers) {
			JsonNode json = json(answer);
			if (json != null) {
				tokens.addAll(json.findValuesAsString(field));
			}
		}
		return tokens;
	}

	private static List<String> codesOfSlots(List<Answer> answers) {
		List<String> codes = new ArrayList<>();
		for (Answer answer : answers) {
			JsonNode json = json(answer);
			if (json != null) {
				for (JsonNode parent : json.findParents("access_token")) {
					if (parent.hasNonNull("code")) {
						codes.add(parent.get("code").asString());
					}
				}
			}
		}
		return codes;
	}

	/**
	 * The slots of DeOAuth's successful {@code get_token} answers, by user id.
	 */
	private static Map<String, JsonNode> slots(List<Answer> answers) {
		Map<String, JsonNode> slots = new LinkedHashMap<>();
		for (Answer answer : answers) {
			JsonNode json = (answer.path().equals(GET_TOKEN) && answer.status() == 200) ? json(answer) : null;
			if (json != null) {
				for (JsonNode slot : json.findParents("access_token")) {
					if (slot.hasNonNull("id")) {
						slots.put(slot.get("id").asString(), slot);
					}
				}
			}
		}
		return slots;
	}

	private static String refreshTokenOfSlot(List<Answer> answers, String id) {
		JsonNode slot = slots(answers).get(id);
		assertThat(slot).as("DeOAuth's slot for " + id).isNotNull();
		return slot.get("refresh_token").asString();
	}

	private static @Nullable JsonNode json(Answer answer) {
		try {
			return JsonMapper.shared().readTree(answer.body());
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String tokenLike(String prefix) {
		return prefix + randomText(32);
	}

	private static String randomText(int bytes) {
		byte[] random = new byte[bytes];
		SecretsInLogsTests.random.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	private static String basic(String clientId, String clientSecret) {
		return Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The application's routes, called as a browser's backend call would.
	 */
	private static final class App {

		private final WebClient web;

		App(int port) {
			this.web = WebClient.create("http://127.0.0.1:" + port);
		}

		Reply signIn(String client, String jwt) {
			return signIn(client, jwt, null);
		}

		Reply signIn(String client, String jwt, @Nullable Duration timeout) {
			return signInLater(client, jwt, timeout).block(WAIT);
		}

		Mono<Reply> signInLater(String client, String jwt, @Nullable Duration timeout) {
			return this.web.post()
				.uri((uri) -> uri.path("/sign-in/{client}")
					.queryParamIfPresent("timeout", Optional.ofNullable(timeout))
					.build(client))
				.bodyValue(jwt.getBytes(StandardCharsets.US_ASCII))
				.exchangeToMono((response) -> response.bodyToMono(String.class)
					.defaultIfEmpty("")
					.map((body) -> new Reply(response.statusCode().value(), body)));
		}

		Reply get(String path) {
			return this.web.get()
				.uri(path)
				.exchangeToMono((response) -> response.bodyToMono(String.class)
					.defaultIfEmpty("")
					.map((body) -> new Reply(response.statusCode().value(), body)))
				.block(WAIT);
		}

	}

	private record Reply(int status, String body) {

	}

	/**
	 * Every secret of a run, by kind.
	 */
	static final class Secrets {

		private final Map<String, Set<String>> byKind = new LinkedHashMap<>();

		String add(String kind, @Nullable String value) {
			assertThat(value).as(kind).isNotBlank();
			this.byKind.computeIfAbsent(kind, (name) -> new LinkedHashSet<>()).add(value);
			return value;
		}

		String jwt(String user) {
			return add(JWT, simulator.issueJwt(user));
		}

		String jwt(String user, Duration ttl) {
			return add(JWT, simulator.issueJwt(user, ttl));
		}

		Set<String> of(String kind) {
			return this.byKind.getOrDefault(kind, Set.of());
		}

		Map<String, Set<String>> all() {
			Map<String, Set<String>> all = new LinkedHashMap<>(this.byKind);
			all.computeIfAbsent(CLIENT_SECRET_KIND, (kind) -> new LinkedHashSet<>())
				.addAll(Set.of(CLIENT_SECRET, WRONG_CLIENT_SECRET));
			all.computeIfAbsent(BASIC_CREDENTIALS, (kind) -> new LinkedHashSet<>())
				.addAll(Set.of(basic(CLIENT_ID, CLIENT_SECRET), basic(CLIENT_ID, WRONG_CLIENT_SECRET)));
			return all;
		}

	}

	/**
	 * Where a secret shows in a log line.
	 *
	 * @param kind the kind of secret
	 * @param thread the line's thread, {@code null} for a line the log pattern did not
	 * start (a stack trace, a message's second line)
	 * @param logger the line's logger, {@code null} likewise
	 * @param allowed whether an allowance covers it
	 * @param shown the line, every secret in it replaced by its kind, at most 400
	 * characters
	 */
	record Hit(String kind, @Nullable String thread, @Nullable String logger, boolean allowed, String shown) {

		boolean is(String logger, String kind) {
			return logger.equals(this.logger) && kind.equals(this.kind);
		}

		@Override
		public String toString() {
			return this.kind + ": " + this.shown;
		}

	}

	/**
	 * Log lines scanned for secrets. A secret shows when the line holds, for a state, its
	 * first seven characters (the starter shows six) or its last twelve; for a JWT, the
	 * first or last twelve characters of its signature; for a code or token, its first or
	 * last twelve characters; for a client secret or Basic credentials, the whole value.
	 * Allowances go by the thread and logger of a line in the pattern
	 * {@code %d %5p [%t] %c : %m}; any other line (a stack trace, a message's second
	 * line, a line in another pattern) has none.
	 */
	static final class Scan {

		private static final Pattern LINE = Pattern.compile(
				"^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d[,.]\\d{3} +(TRACE|DEBUG|INFO|WARN|ERROR) \\[(.*?)\\] (\\S+) : (.*)$");

		private static final int GRAM = 7;

		/** 31 to the power of {@code GRAM - 1}: what the first of a window's characters weighs in its hash. */
		private static final long HIGHEST = LongStream.range(1, GRAM).reduce(1, (power, i) -> power * 31);

		private final Map<String, List<Probe>> probes = new HashMap<>();

		/*
		 * The hashes of the probes' first characters, as a filter: most windows of a
		 * line are ruled out by a rolling hash, without making a string of them.
		 */
		private final BitSet starts = new BitSet(1 << 20);

		private final List<Hit> hits = new ArrayList<>();

		private final List<String> lines = new ArrayList<>();

		Scan(Secrets secrets, String logs) {
			secrets.all().forEach((kind, values) -> values.forEach((value) -> {
				for (String probe : probes(kind, value)) {
					assertThat(probe).as("a probe of a " + kind).hasSizeGreaterThanOrEqualTo(GRAM);
					this.probes.computeIfAbsent(probe.substring(0, GRAM), (gram) -> new ArrayList<>())
						.add(new Probe(kind, probe, value));
					this.starts.set(slot(hash(probe)));
				}
			}));
			for (String line : logs.split("\\R")) {
				scan(line);
			}
		}

		private static long hash(String text) {
			long hash = 0;
			for (int i = 0; i < GRAM; i++) {
				hash = hash * 31 + text.charAt(i);
			}
			return hash;
		}

		private static int slot(long hash) {
			return (int) ((hash * 0x9E3779B97F4A7C15L) >>> 44);
		}

		private static List<String> probes(String kind, String value) {
			return switch (kind) {
				case STATE -> List.of(value.substring(0, Math.min(value.length(), GRAM)), tail(value));
				case JWT -> {
					String signature = value.substring(value.lastIndexOf('.') + 1);
					yield List.of(head(signature), tail(signature));
				}
				case CLIENT_SECRET_KIND, BASIC_CREDENTIALS -> List.of(value);
				default -> List.of(head(value), tail(value));
			};
		}

		private static String head(String value) {
			return value.substring(0, Math.min(value.length(), 12));
		}

		private static String tail(String value) {
			return value.substring(Math.max(0, value.length() - 12));
		}

		private void scan(String line) {
			Matcher matcher = LINE.matcher(line);
			boolean parsed = matcher.matches();
			String level = parsed ? matcher.group(1) : null;
			String thread = parsed ? matcher.group(2) : null;
			String logger = parsed ? matcher.group(3) : null;
			if (parsed) {
				this.lines.add(level + " " + logger + " : " + matcher.group(4));
			}
			Map<Probe, Boolean> found = new LinkedHashMap<>();
			long hash = 0;
			for (int i = 0; i + GRAM <= line.length(); i++) {
				hash = (i == 0) ? hash(line) : (hash - line.charAt(i - 1) * HIGHEST) * 31 + line.charAt(i + GRAM - 1);
				List<Probe> candidates = this.starts.get(slot(hash)) ? this.probes.get(line.substring(i, i + GRAM))
						: null;
				if (candidates != null) {
					for (Probe probe : candidates) {
						if (line.startsWith(probe.text(), i)) {
							found.put(probe, allowed(thread, logger, probe.kind()));
						}
					}
				}
			}
			if (found.isEmpty()) {
				return;
			}
			String shown = line;
			for (Probe probe : found.keySet()) {
				shown = shown.replace(probe.value(), "<" + probe.kind() + ">").replace(probe.text(), "<" + probe.kind() + ">");
			}
			shown = shown.substring(0, Math.min(shown.length(), 400));
			Set<String> reported = new LinkedHashSet<>();
			for (Map.Entry<Probe, Boolean> hit : found.entrySet()) {
				if (reported.add(hit.getKey().kind() + hit.getValue())) {
					this.hits.add(new Hit(hit.getKey().kind(), thread, logger, hit.getValue(), shown));
				}
			}
		}

		private static boolean allowed(@Nullable String thread, @Nullable String logger, String kind) {
			if (thread != null && thread.startsWith(SIMULATOR_THREADS)) {
				return SIMULATOR_MAY_SHOW.contains(kind);
			}
			return logger != null && REQUEST_LINE_LOGGERS.getOrDefault(logger, Set.of()).contains(kind);
		}

		/**
		 * Every place a secret shows, allowed or not.
		 */
		List<Hit> hits() {
			return this.hits;
		}

		/**
		 * The places a secret shows that no allowance covers, the first 20 of them.
		 */
		List<Hit> leaks() {
			return this.hits.stream().filter((hit) -> !hit.allowed()).limit(20).toList();
		}

		/**
		 * The lines the log pattern started, as {@code LEVEL logger : message}.
		 */
		List<String> lines() {
			return this.lines;
		}

		/**
		 * The messages of one logger at one level.
		 */
		List<String> linesFrom(String logger, String level) {
			String start = level + " " + logger + " : ";
			return this.lines.stream()
				.filter((line) -> line.startsWith(start))
				.map((line) -> line.substring(start.length()))
				.toList();
		}

		private record Probe(String kind, String text, String value) {

		}

	}

}
