package com.altscodex.sample;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/**
 * Roles, permissions and personal access tokens in the sample, over HTTP as the page and
 * a script use them: the demo users' seeded roles, {@code GET /api/reports} behind
 * {@code @PreAuthorize("hasAuthority('reports:read')")}, tokens created in a session and
 * used without one, and the admin data for holders of {@code rbac:admin} only.
 */
class SampleAuthorizationTests {

	private static RunningSample sample;

	private static DeOAuthSimulator simulator;

	@BeforeAll
	static void startSample() {
		// every test signs in, several times from one address
		sample = RunningSample.start(RunningSample.NO_RATE_LIMIT);
		simulator = sample.simulator();
	}

	@AfterAll
	static void stopSample() {
		sample.close();
	}

	@Test
	void reportsAnswerAliceAndBobAndRefuseCarol() {
		for (String reader : List.of("alice", "bob")) {
			signedIn(reader).client()
				.get()
				.uri("/api/reports")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
				.expectBody()
				.jsonPath("$.reports.length()").isEqualTo(4)
				.jsonPath("$.reports[0].quarter").isEqualTo("Q4 2026");
		}
		assertProblem(signedIn("carol").client().get().uri("/api/reports").exchange(), HttpStatus.FORBIDDEN,
				"access-denied");
		assertProblem(sample.webTestClient().get().uri("/api/reports").exchange(), HttpStatus.UNAUTHORIZED,
				"not-signed-in");
	}

	@Test
	void seededRolesAndTheirPermissionsShowInMe() {
		assertThat(authorities("alice")).contains("ROLE_USER", "ROLE_admin", "ROLE_reader", "*", "reports:read");
		assertThat(authorities("bob")).containsExactlyInAnyOrder("ROLE_USER", "ROLE_reader", "reports:read");
		assertThat(authorities("carol")).containsExactly("ROLE_USER");
	}

	@Test
	void tokenCreatedInASessionAuthenticatesAPlainClientUntilRevoked() {
		FrontPageClient bob = signedIn("bob");
		String created = body(bob.client()
			.post()
			.uri("/api/tokens")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "ci", "scopes", List.of("reports:read"), "expires_at", "2099-01-01T00:00:00Z"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult());
		String token = JsonPath.read(created, "$.token");
		String id = JsonPath.read(created, "$.id");
		assertThat(token).startsWith("altscodex_pat_");
		assertThat(JsonPath.<List<String>>read(created, "$.scopes")).containsExactly("reports:read");
		// listed, never again with the token itself
		bob.client()
			.get()
			.uri("/api/tokens")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.tokens[?(@.id == '" + id + "')].name").isEqualTo(List.of("ci"))
			.jsonPath("$.tokens[*].token").doesNotExist();

		// a script: no cookie, no CSRF header, no session made
		sample.webTestClient()
			.get()
			.uri("/api/reports")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk()
			.expectCookie()
			.doesNotExist(FrontPageClient.SESSION_COOKIE)
			.expectBody()
			.jsonPath("$.reports.length()").isEqualTo(4);

		bob.client().delete().uri("/api/tokens/" + id).exchange().expectStatus().isNoContent();

		assertProblem(sample.webTestClient()
			.get()
			.uri("/api/reports")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange(), HttpStatus.UNAUTHORIZED, "invalid-token")
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
	}

	@Test
	void tokenWithAPermissionItsOwnerLacksIsRefused() {
		assertProblem(signedIn("bob").client()
			.post()
			.uri("/api/tokens")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "too much", "scopes", List.of("rbac:admin")))
			.exchange(), HttpStatus.FORBIDDEN, "scope-not-held");
	}

	@Test
	void adminDataAnswersAliceWhoseWildcardGrantsRbacAdmin() {
		signedIn("alice").client()
			.get()
			.uri("/api/admin/summary")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.role_count").value(greaterThanOrEqualTo(2))
			.jsonPath("$.users[*].slot_id").isEqualTo(List.of("alice", "bob", "carol"))
			.jsonPath("$.users[?(@.slot_id == 'alice')].assigned_roles[*]").isEqualTo(List.of("admin"))
			.jsonPath("$.users[?(@.slot_id == 'bob')].assigned_roles[*]").isEqualTo(List.of("reader"))
			.jsonPath("$.users[?(@.slot_id == 'carol')].assigned_roles[*]").isEmpty();
	}

	@Test
	void adminDataAndRoleEndpointsRefuseBob() {
		FrontPageClient bob = signedIn("bob");
		assertProblem(bob.client().get().uri("/api/admin/summary").exchange(), HttpStatus.FORBIDDEN, "access-denied");
		assertProblem(bob.client().get().uri("/api/admin/rbac/roles").exchange(), HttpStatus.FORBIDDEN,
				"access-denied");
		assertProblem(bob.client().get().uri("/api/admin/rbac/audit").exchange(), HttpStatus.FORBIDDEN,
				"access-denied");
		assertProblem(bob.client().put().uri("/api/admin/rbac/users/bob/roles/admin").exchange(),
				HttpStatus.FORBIDDEN, "access-denied");
		assertThat(authorities("bob")).doesNotContain("ROLE_admin");
	}

	@Test
	void auditLogShowsTheSeedingAtStartUp() {
		String audit = body(signedIn("alice").client()
			.get()
			.uri("/api/admin/rbac/audit?limit=1000")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult());
		List<Map<String, Object>> bySystem = JsonPath.read(audit, "$.entries[?(@.actor == 'system')]");
		assertThat(bySystem)
			.extracting((entry) -> entry.get("action") + " " + entry.get("role") + " " + entry.get("subject"))
			.contains("ROLE_CREATED reader null", "ROLE_CREATED admin null", "PERMISSION_GRANTED reader reports:read",
					"PERMISSION_GRANTED admin *", "ROLE_INCLUDED admin reader", "ROLE_ASSIGNED admin alice",
					"ROLE_ASSIGNED reader bob");
	}

	@Test
	void roleGivenByAnAdminCountsFromTheNextRequestOfTheSameSession() {
		FrontPageClient alice = signedIn("alice");
		FrontPageClient carol = signedIn("carol");
		carol.client().get().uri("/api/reports").exchange().expectStatus().isForbidden();
		try {
			alice.client()
				.put()
				.uri("/api/admin/rbac/users/carol/roles/reader")
				.exchange()
				.expectStatus()
				.isNoContent();

			carol.client().get().uri("/api/reports").exchange().expectStatus().isOk();
		}
		finally {
			// the other tests expect carol without a role
			alice.client()
				.delete()
				.uri("/api/admin/rbac/users/carol/roles/reader")
				.exchange()
				.expectStatus()
				.isNoContent();
		}
		carol.client().get().uri("/api/reports").exchange().expectStatus().isForbidden();
	}

	private static FrontPageClient signedIn(String user) {
		FrontPageClient visitor = FrontPageClient.open(sample);
		visitor.login(simulator.issueJwt(user)).expectStatus().isOk().expectBody().returnResult();
		return visitor;
	}

	private static List<String> authorities(String user) {
		return JsonPath.read(body(signedIn(user).me().expectStatus().isOk().expectBody().returnResult()),
				"$.authorities");
	}

	private static WebTestClient.ResponseSpec assertProblem(WebTestClient.ResponseSpec answer, HttpStatus status,
			String type) {
		answer.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").value(endsWith("/" + type));
		return answer;
	}

	private static String body(EntityExchangeResult<byte[]> result) {
		byte[] body = result.getResponseBody();
		return (body != null) ? new String(body, StandardCharsets.UTF_8) : "";
	}

}
