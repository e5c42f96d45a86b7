package com.altscodex.spring.autoconfigure.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.spring.autoconfigure.security.BrowserSession;
import com.altscodex.spring.pat.CreatedPersonalAccessToken;
import com.altscodex.spring.pat.ReactivePersonalAccessTokenService;
import com.altscodex.spring.rbac.ReactiveRoleService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles and tokens changed on one instance take effect on another at its next request,
 * although both cache them for ten minutes: the change is published over Redis and the
 * other instance forgets what it cached.
 */
class ClusterAuthorizationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static DeOAuthSimulator simulator;

	private static ClusterInstances cluster;

	@BeforeAll
	static void startCluster() {
		simulator = DeOAuthSimulator.builder().build().start();
		cluster = ClusterInstances.builder(simulator)
			.property("altscodex.rbac.roles.reader.permissions", "reports:read")
			.property("altscodex.rbac.bootstrap.reader", "bob,dave")
			.property("altscodex.rbac.cache.time-to-live", "10m")
			.property("altscodex.pat.cache.time-to-live", "10m")
			.property("altscodex.security.rate-limit.capacity", "10000")
			.start();
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
		if (simulator != null) {
			simulator.close();
		}
	}

	@Test
	void roleTakenAwayOnInstance2ThenRefusedOnInstance1AtTheNextRequest() {
		BrowserSession browser = cluster.instance(1).browser();
		assertThat(browser.signIn(simulator.issueJwt("bob")).getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(browser.get("/api/reports").getStatus()).isEqualTo(HttpStatus.OK);

		Boolean changed = cluster.instance(2)
			.bean(ReactiveRoleService.class)
			.unassign("bob", "reader", "tests")
			.block(WAIT);

		assertThat(changed).isTrue();
		awaitStatus(() -> browser.get("/api/reports").getStatus(), HttpStatus.FORBIDDEN);
	}

	@Test
	void tokenRevokedOnInstance2ThenRefusedOnInstance1() {
		CreatedPersonalAccessToken created = cluster.instance(1)
			.bean(ReactivePersonalAccessTokenService.class)
			.create("dave", "ci", List.of("reports:read"), null)
			.block(WAIT);
		String token = created.rawToken();
		assertThat(withToken(cluster.instance(1), token).getStatus()).isEqualTo(HttpStatus.OK);

		Boolean revoked = cluster.instance(2)
			.bean(ReactivePersonalAccessTokenService.class)
			.revoke("dave", created.token().id())
			.block(WAIT);

		assertThat(revoked).isTrue();
		awaitStatus(() -> withToken(cluster.instance(1), token).getStatus(), HttpStatus.UNAUTHORIZED);
	}

	// published at once, received a moment later: the next request after it arrives is refused
	private static void awaitStatus(java.util.function.Supplier<HttpStatusCode> request, HttpStatus expected) {
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> expected.equals(request.get()));
	}

	private static EntityExchangeResult<byte[]> withToken(ClusterInstances.Instance instance, String token) {
		return WebTestClient.bindToServer()
			.baseUrl(instance.baseUrl())
			.build()
			.get()
			.uri("/api/reports")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectBody()
			.returnResult();
	}

}
