package com.altscodex.benchmarks.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.data.redis.ReactiveRedisSessionRepository;

import com.altscodex.benchmarks.app.BenchApp;
import com.altscodex.benchmarks.simulator.SimulatorMain;
import com.altscodex.deoauth.simulator.CallbackAttempt;
import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.spring.client.pending.PendingLoginRegistry;
import com.altscodex.spring.client.pending.redis.RedisPendingLoginRegistry;
import com.altscodex.spring.testsupport.redis.RedisEndpoint;
import com.altscodex.spring.testsupport.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster stage's apps as {@link BenchServers} starts them: several instances of one
 * app in one JVM from {@code bench.cluster.ports}, each with its own port, redirect URI
 * and instance id, on a real Redis with {@code bench.store=redis}, and DeOAuth's
 * callbacks sent to the other instance as the simulator process does it.
 */
class ClusterInstancesTests {

	private static final String CLIENT_ID = "bench-app";

	private static final String CLIENT_SECRET = "bench-secret-of-the-cluster-tests";

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private DeOAuthSimulator simulator;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@BeforeEach
	void startSimulator() {
		this.simulator = DeOAuthSimulator.builder()
			.client(CLIENT_ID, CLIENT_SECRET, "http://127.0.0.1:*/login/altscodex")
			.build()
			.start();
	}

	@AfterEach
	void stop() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	@Test
	void clusterPortsAndInstanceArguments() {
		assertThat(BenchServers.clusterPorts("")).isEmpty();
		assertThat(BenchServers.clusterPorts("8081, 8082")).containsExactly(8081, 8082);
		String[] instance = BenchServers.instanceArguments(new String[] { "--server.port=8081",
				"--altscodex.redirect-uri=http://127.0.0.1:8081/login/altscodex", "--bench.store=redis" }, 8082, 2);
		assertThat(instance).containsExactly("--altscodex.redirect-uri=http://127.0.0.1:8082/login/altscodex",
				"--bench.store=redis", "--server.port=8082", "--altscodex.pending.redis.instance-id=bench-instance-2",
				"--spring.application.name=bench-instance-2");
	}

	@Test
	void callbackNextSendsEachInstancesCallbacksToTheNextOne() {
		Map<Integer, Integer> next = SimulatorMain.nextPorts("8081,8082,8083");
		assertThat(SimulatorMain.elsewhere("http://127.0.0.1:8081/login/altscodex", next))
			.isEqualTo("http://127.0.0.1:8082/login/altscodex");
		assertThat(SimulatorMain.elsewhere("http://127.0.0.1:8083/login/altscodex", next))
			.isEqualTo("http://127.0.0.1:8081/login/altscodex");
		assertThat(SimulatorMain.elsewhere("http://127.0.0.1:9000/login/altscodex", next))
			.isEqualTo("http://127.0.0.1:9000/login/altscodex");
	}

	@Test
	void twoInstancesOnRedisSignInWithEveryCallbackOnTheOtherAndShareTheSessions() throws Exception {
		RedisEndpoint redis = TestRedis.endpoint();
		String prefix = TestRedis.uniquePrefix("bench-cluster");
		List<Integer> ports = List.of(freePort(), freePort());
		String portList = ports.get(0) + "," + ports.get(1);
		this.simulator.behavior()
			.callbackTargets((redirectUri) -> List.of(SimulatorMain.elsewhere(redirectUri,
					SimulatorMain.nextPorts(portList))));
		this.contexts.addAll(BenchServers.start(BenchApp.class, new String[] { "--bench.variant=plain",
				"--bench.security=starter", "--bench.store=redis", "--bench.cluster.ports=" + portList,
				"--" + Store.KEY_PREFIX_PROPERTY + "=" + prefix,
				"--spring.data.redis.url=" + redis.url(), "--server.port=" + ports.get(0),
				"--altscodex.client-id=" + CLIENT_ID, "--altscodex.client-secret=" + CLIENT_SECRET,
				"--altscodex.redirect-uri=http://127.0.0.1:" + ports.get(0) + "/login/altscodex",
				"--altscodex.auth-server-url=" + this.simulator.baseUrl(),
				"--altscodex.platform-url=" + this.simulator.baseUrl() }, false));
		assertThat(this.contexts).hasSize(2);
		for (ConfigurableApplicationContext context : this.contexts) {
			assertThat(context.getBean(PendingLoginRegistry.class)).isInstanceOf(RedisPendingLoginRegistry.class);
			assertThat(context.getBean(ReactiveSessionRepository.class))
				.isInstanceOf(ReactiveRedisSessionRepository.class);
		}
		for (int i = 0; i < 2; i++) {
			int signIn = ports.get(i);
			int other = ports.get(1 - i);
			String user = "cluster-user-" + i;
			String session = signIn(signIn, user);
			// the callback of the login on one instance landed on the other, and the login succeeded
			Optional<CallbackAttempt> callback = this.simulator.callbacks()
				.stream()
				.filter((attempt) -> attempt.redirectUri().contains(":" + other + "/"))
				.reduce((first, second) -> second);
			assertThat(callback).hasValueSatisfying((attempt) -> assertThat(attempt.answeredSuccessfully()).isTrue());
			// the session, in Redis, serves the other instance too
			HttpResponse<String> hello = this.http.send(HttpRequest.newBuilder(uri(other, "/bench/hello"))
				.header("Cookie", "SESSION=" + session)
				.header("Accept", "application/json")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(hello.statusCode()).isEqualTo(200);
			assertThat(hello.body()).contains("\"hello\"");
		}
		assertThat(this.simulator.callbacks()).hasSize(2)
			.allSatisfy((attempt) -> assertThat(attempt.answeredSuccessfully()).isTrue());
		// the sessions are under the run's prefix, where the suite deletes them after the stage
		List<String> sessionKeys = new ReactiveStringRedisTemplate(
				this.contexts.get(0).getBean(ReactiveRedisConnectionFactory.class))
			.scan(ScanOptions.scanOptions().match(prefix + "session:*").build())
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(sessionKeys).isNotEmpty();
	}

	@Test
	void anInstanceInMemoryHasNoRedis() throws Exception {
		this.contexts.addAll(BenchServers.start(BenchApp.class, new String[] { "--bench.variant=plain",
				"--bench.cluster.ports=" + freePort(), "--altscodex.client-id=" + CLIENT_ID, "--altscodex.client-secret=" + CLIENT_SECRET,
				"--altscodex.redirect-uri=http://127.0.0.1:8080/login/altscodex",
				"--altscodex.auth-server-url=" + this.simulator.baseUrl(),
				"--altscodex.platform-url=" + this.simulator.baseUrl() }, false));
		ConfigurableApplicationContext context = this.contexts.get(0);
		assertThat(context.getBeanNamesForType(ReactiveRedisConnectionFactory.class)).isEmpty();
		assertThat(context.getBeanNamesForType(ReactiveSessionRepository.class)).isEmpty();
		assertThat(context.getBean(PendingLoginRegistry.class)).isNotInstanceOf(RedisPendingLoginRegistry.class);
	}

	/**
	 * Signs a user in on an instance through the starter's chain, as the load generator
	 * does.
	 * @return the session cookie's value
	 */
	private String signIn(int port, String user) throws Exception {
		HttpResponse<String> page = this.http.send(HttpRequest.newBuilder(uri(port, "/bench/hello"))
			.header("Accept", "application/json")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(401);
		String token = cookie(page, "XSRF-TOKEN");
		assertThat(token).isNotNull();
		HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(uri(port, "/login"))
			.header("Content-Type", "application/json")
			.header("Cookie", "XSRF-TOKEN=" + token)
			.header("X-XSRF-TOKEN", token)
			.POST(HttpRequest.BodyPublishers.ofString("{\"jwt\":\"" + this.simulator.issueJwt(user) + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(answer.body()).contains("\"" + user + "\"");
		String session = cookie(answer, "SESSION");
		assertThat(session).isNotNull();
		return session;
	}

	private static String cookie(HttpResponse<?> answer, String name) {
		for (String header : answer.headers().allValues("Set-Cookie")) {
			String pair = header.split(";", 2)[0];
			if (pair.startsWith(name + "=") && pair.length() > name.length() + 1) {
				return pair.substring(name.length() + 1);
			}
		}
		return null;
	}

	private static URI uri(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static int freePort() throws Exception {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
