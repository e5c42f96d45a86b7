package com.altscodex.sample;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.sample.cluster.ClusterSimulator;
import com.altscodex.sample.cluster.InstanceHeaderWebFilter;
import com.altscodex.spring.testsupport.redis.RedisEndpoint;
import com.altscodex.spring.testsupport.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as {@code cluster/run} runs it: three instances with the {@code cluster}
 * profile on the shared Redis, the shared DeOAuth simulator ({@link ClusterSimulator})
 * and HAProxy with {@code cluster/haproxy.cfg} in front, round robin. The instances'
 * redirect URI is the proxy's, so DeOAuth's callbacks go through it too and land on any
 * instance, mostly another than the one the login waits on. 200 users sign in through
 * the proxy (the popup flow, 20 at a time), each is served by more than one instance
 * with the one session, which every instance knows, and signing out through the proxy
 * ends it on all of them.
 * <p>
 * Needs the {@code haproxy} binary ({@code apt-get install -y haproxy}): without it the
 * test is skipped, or fails when {@code CI=true}. The instances run in this JVM, on one
 * in-memory H2 database (the profile's file shared with {@code AUTO_SERVER} is for
 * separate processes).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterThroughProxyTests {

	private static final Log logger = LogFactory.getLog(ClusterThroughProxyTests.class);

	private static final int USERS = 200;

	private static final int CONCURRENCY = 20;

	private static final int INSTANCES = 3;

	// requests through the proxy for a user to be served by two instances: with round robin
	// over three, twenty on one alone would be a broken proxy, not bad luck
	private static final int MAX_REQUESTS_PER_USER = 20;

	private static final Pattern CALLBACK_LOG_LINE = Pattern
		.compile("instances/(instance\\d)\\s.*\"POST /getinfo(\\?\\S*)? HTTP");

	private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private static final List<Integer> instancePorts = new ArrayList<>();

	private static @Nullable ConfigurableApplicationContext simulatorContext;

	private static @Nullable Process haproxy;

	private static DeOAuthSimulator simulator;

	private static Path haproxyLog;

	private static int proxyPort;

	private static String pendingKeyPrefix;

	private static String sessionNamespace;

	@BeforeAll
	static void startCluster() throws Exception {
		String haproxyBinary = haproxyBinary();
		RedisEndpoint redis = TestRedis.endpoint();
		pendingKeyPrefix = TestRedis.uniquePrefix("cluster-pending");
		String sessionPrefix = TestRedis.uniquePrefix("cluster-sessions");
		sessionNamespace = sessionPrefix.substring(0, sessionPrefix.length() - 1);
		proxyPort = RunningSample.freePort();
		String redirectUri = "http://localhost:" + proxyPort + "/getinfo";
		String clientSecret = randomSecret();
		simulatorContext = ClusterSimulator.run("--sample.simulator.port=0",
				"--altscodex.client-secret=" + clientSecret, "--altscodex.redirect-uri=" + redirectUri);
		simulator = (DeOAuthSimulator) simulatorContext.getBean(ClusterSimulator.BEAN_NAME);
		String database = "r2dbc:h2:mem:///cluster-" + randomSecret().substring(0, 8) + "?options=DB_CLOSE_DELAY=-1";
		for (int i = 0; i < INSTANCES; i++) {
			instancePorts.add(RunningSample.freePort());
		}
		List<String> common = List.of("--altscodex.auth-server-url=" + simulator.baseUrl(),
				"--altscodex.platform-url=" + simulator.baseUrl(), "--altscodex.client-secret=" + clientSecret,
				"--altscodex.redirect-uri=" + redirectUri, "--spring.data.redis.host=" + redis.host(),
				"--spring.data.redis.port=" + redis.port(), "--altscodex.pending.redis.key-prefix=" + pendingKeyPrefix,
				"--spring.session.data.redis.namespace=" + sessionNamespace, "--spring.r2dbc.url=" + database,
				// 200 sign-ins from one address in a few seconds
				RunningSample.NO_RATE_LIMIT);
		// the first creates the tables and the demo roles, as cluster/run starts them
		instances.add(startInstance(instancePorts.get(0), common));
		ExecutorService starter = Executors.newFixedThreadPool(INSTANCES - 1);
		try {
			List<Future<ConfigurableApplicationContext>> others = new ArrayList<>();
			for (int i = 1; i < INSTANCES; i++) {
				int port = instancePorts.get(i);
				others.add(starter.submit(() -> startInstance(port, common)));
			}
			for (Future<ConfigurableApplicationContext> other : others) {
				instances.add(other.get());
			}
		}
		finally {
			starter.shutdown();
		}
		haproxyLog = Files.createTempFile("cluster-haproxy", ".log");
		ProcessBuilder builder = new ProcessBuilder(haproxyBinary, "-f", "cluster/haproxy.cfg", "-db")
			.redirectErrorStream(true)
			.redirectOutput(haproxyLog.toFile());
		builder.environment().put("PROXY_PORT", String.valueOf(proxyPort));
		for (int i = 0; i < INSTANCES; i++) {
			builder.environment().put("INSTANCE" + (i + 1) + "_PORT", String.valueOf(instancePorts.get(i)));
		}
		haproxy = builder.start();
		WebTestClient proxy = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + proxyPort)
			.responseTimeout(Duration.ofSeconds(5))
			.build();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			assertThat(haproxy.isAlive()).as("haproxy running (its log: %s)", haproxyLog).isTrue();
			proxy.get().uri("/actuator/health").exchange().expectStatus().isOk();
		});
	}

	private static ConfigurableApplicationContext startInstance(int port, List<String> common) {
		List<String> args = new ArrayList<>(common);
		args.add("--server.port=" + port);
		return new SpringApplicationBuilder(SampleApplication.class).profiles("cluster")
			.run(args.toArray(String[]::new));
	}

	@AfterAll
	static void stopCluster() throws Exception {
		if (haproxy != null) {
			haproxy.destroy();
			haproxy.waitFor();
		}
		if (!instances.isEmpty()) {
			ReactiveStringRedisTemplate redis = instances.get(0).getBean(ReactiveStringRedisTemplate.class);
			// the keys carry TTLs; deleting them leaves the shared server as it was
			for (String prefix : List.of(pendingKeyPrefix, sessionNamespace + ":")) {
				List<String> keys = keys(redis, prefix);
				if (!keys.isEmpty()) {
					redis.delete(keys.toArray(String[]::new)).block(Duration.ofSeconds(10));
				}
			}
		}
		instances.forEach(ConfigurableApplicationContext::close);
		if (simulatorContext != null) {
			simulatorContext.close();
		}
		if (haproxyLog != null) {
			Files.deleteIfExists(haproxyLog);
		}
	}

	@Test
	void twoHundredUsersSignInThroughTheProxyAndEveryInstanceServesTheirSessions() throws Exception {
		Map<String, AtomicInteger> signedInAnswers = new ConcurrentHashMap<>();
		Failures failures = new Failures();
		ExecutorService users = Executors.newFixedThreadPool(CONCURRENCY);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < USERS; i++) {
				String userId = "cluster-user-" + i;
				done.add(users
					.submit(() -> failures.record(userId, () -> signInUseAndSignOut(userId, signedInAnswers))));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			users.shutdown();
		}
		failures.assertNone();
		// every instance answered signed-in requests
		assertThat(signedInAnswers.keySet()).containsExactlyInAnyOrderElementsOf(instanceNames());
		// DeOAuth called back through the proxy, which spread the callbacks over all three
		// instances: most of the 200 logins were called back on another instance than the
		// one they waited on, and all of them succeeded
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<String, Integer> callbacks = callbacksPerInstance();
			assertThat(callbacks.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(USERS);
			assertThat(callbacks.keySet()).containsExactlyInAnyOrder("instance1", "instance2", "instance3");
		});
		logger.info("DeOAuth's callbacks per instance (HAProxy's names): " + callbacksPerInstance()
				+ "; signed-in answers per instance: " + signedInAnswers);
		ReactiveStringRedisTemplate redis = instances.get(0).getBean(ReactiveStringRedisTemplate.class);
		// nothing of the logins is left in Redis, and signing out removed every session
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(keys(redis, pendingKeyPrefix)).as("pending-login keys").isEmpty();
			assertThat(keys(redis, sessionNamespace + ":sessions:")).as("sessions").isEmpty();
		});
	}

	private void signInUseAndSignOut(String userId, Map<String, AtomicInteger> signedInAnswers) {
		FrontPageClient visitor = FrontPageClient.open(proxyPort);
		visitor.login(simulator.issueJwt(userId))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.id")
			.isEqualTo(userId);
		String session = visitor.cookie(FrontPageClient.SESSION_COOKIE);
		assertThat(session).as("session cookie of %s", userId).isNotBlank();
		// through the proxy, round robin: the same session on whichever instance answers
		Set<String> servedBy = new HashSet<>();
		for (int request = 0; request < MAX_REQUESTS_PER_USER && servedBy.size() < 2; request++) {
			EntityExchangeResult<byte[]> me = visitor.me()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.id")
				.isEqualTo(userId)
				.returnResult();
			String instance = me.getResponseHeaders().getFirst(InstanceHeaderWebFilter.HEADER);
			assertThat(instance).as("%s header", InstanceHeaderWebFilter.HEADER).isNotNull();
			servedBy.add(instance);
			signedInAnswers.computeIfAbsent(instance, (name) -> new AtomicInteger()).incrementAndGet();
		}
		assertThat(servedBy).as("instances that served %s through the proxy", userId).hasSizeGreaterThan(1);
		// and on each instance, straight
		for (int port : instancePorts) {
			direct(port).get()
				.uri("/me")
				.cookie(FrontPageClient.SESSION_COOKIE, session)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.id")
				.isEqualTo(userId);
		}
		visitor.logout().expectStatus().isNoContent();
		visitor.me().expectStatus().isUnauthorized();
		// signed out everywhere: no instance takes the old session cookie any more
		for (int port : instancePorts) {
			direct(port).get()
				.uri("/me")
				.cookie(FrontPageClient.SESSION_COOKIE, session)
				.exchange()
				.expectStatus()
				.isUnauthorized();
		}
	}

	private static WebTestClient direct(int port) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	private static List<String> instanceNames() {
		return instances.stream()
			.map((context) -> context.getEnvironment().getRequiredProperty(InstanceHeaderWebFilter.PROPERTY))
			.toList();
	}

	// HAProxy's log (option httplog) names the server of each request
	private static Map<String, Integer> callbacksPerInstance() throws IOException {
		Map<String, Integer> callbacks = new HashMap<>();
		try (Stream<String> lines = Files.lines(haproxyLog, StandardCharsets.UTF_8)) {
			lines.forEach((line) -> {
				Matcher matcher = CALLBACK_LOG_LINE.matcher(line);
				if (matcher.find()) {
					callbacks.merge(matcher.group(1), 1, Integer::sum);
				}
			});
		}
		return callbacks;
	}

	private static List<String> keys(ReactiveStringRedisTemplate redis, String prefix) {
		List<String> keys = redis.scan(ScanOptions.scanOptions().match(prefix + "*").count(1000).build())
			.collectList()
			.block(Duration.ofSeconds(10));
		return (keys != null) ? keys : List.of();
	}

	private static String haproxyBinary() {
		String path = System.getenv().getOrDefault("PATH", "");
		List<String> directories = new ArrayList<>(List.of(path.split(File.pathSeparator)));
		directories.addAll(List.of("/usr/sbin", "/usr/local/sbin"));
		for (String directory : directories) {
			File candidate = new File(directory, "haproxy");
			if (!directory.isEmpty() && candidate.canExecute()) {
				return candidate.getPath();
			}
		}
		String message = "No haproxy binary on the PATH or in /usr/sbin (apt-get install -y haproxy)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			return Assertions.fail(message + ". On CI the cluster test must run.");
		}
		logger.warn("!!! " + message + ". SKIPPING the cluster test; on CI (CI=true) it would fail.");
		Assumptions.abort(message);
		throw new IllegalStateException("not reached");
	}

	private static String randomSecret() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * What went wrong for which users, so that one answer tells how many failed and why.
	 */
	private static final class Failures {

		private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

		private final AtomicInteger count = new AtomicInteger();

		void record(String userId, Runnable scenario) {
			try {
				scenario.run();
			}
			catch (Throwable ex) {
				this.count.incrementAndGet();
				if (this.failures.size() < 5) {
					this.failures.add(userId + ": " + ex);
				}
			}
		}

		void assertNone() {
			assertThat(this.count.get()).as("users whose sign-in, session or sign-out failed, such as %s",
					this.failures).isZero();
		}

	}

}
