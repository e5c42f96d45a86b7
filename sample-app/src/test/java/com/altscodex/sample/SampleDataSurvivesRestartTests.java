package com.altscodex.sample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample keeps roles, grants, tokens and the audit log in an H2 database file: what
 * a person did is still there after a restart, and the seeding, applied again at each
 * start, adds nothing twice. Runs the sample twice on a file of its own, never on the
 * one a person's runs keep.
 */
class SampleDataSurvivesRestartTests {

	@TempDir
	Path directory;

	@Test
	void roleGrantAndTokenSurviveARestartOnTheSameDatabaseFile() {
		// r2dbc:h2:file:/// then the absolute path, which starts with '/'
		String database = "--spring.r2dbc.url=r2dbc:h2:file:///" + this.directory.resolve("slotboard").toAbsolutePath();
		String token;
		try (RunningSample sample = RunningSample.start(database)) {
			FrontPageClient alice = signedIn(sample, "alice");
			alice.client()
				.post()
				.uri("/api/admin/rbac/roles")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("name", "auditor", "description", "Reads the audit log"))
				.exchange()
				.expectStatus()
				.isCreated();
			alice.client()
				.put()
				.uri("/api/admin/rbac/users/carol/roles/reader")
				.exchange()
				.expectStatus()
				.isNoContent();
			byte[] created = signedIn(sample, "bob").client()
				.post()
				.uri("/api/tokens")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("name", "nightly", "scopes", List.of("reports:read")))
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody()
				.returnResult()
				.getResponseBody();
			token = JsonPath.read(new String(created, StandardCharsets.UTF_8), "$.token");
		}

		try (RunningSample restarted = RunningSample.start(database)) {
			FrontPageClient alice = signedIn(restarted, "alice");
			alice.client()
				.get()
				.uri("/api/admin/rbac/roles")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.roles[?(@.name == 'auditor')].description").isEqualTo(List.of("Reads the audit log"));
			signedIn(restarted, "carol").client().get().uri("/api/reports").exchange().expectStatus().isOk();
			restarted.webTestClient()
				.get()
				.uri("/api/reports")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.exchange()
				.expectStatus()
				.isOk();
			String audit = new String(alice.client()
				.get()
				.uri("/api/admin/rbac/audit?limit=1000")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.returnResult()
				.getResponseBody(), StandardCharsets.UTF_8);
			// seeded once, at the first start
			assertThat(JsonPath.<List<Object>>read(audit,
					"$.entries[?(@.action == 'ROLE_CREATED' && @.role == 'admin')]"))
				.hasSize(1);
			assertThat(JsonPath.<List<String>>read(audit, "$.entries[?(@.role == 'auditor')].actor"))
				.containsExactly("alice");
		}
	}

	private static FrontPageClient signedIn(RunningSample sample, String user) {
		FrontPageClient visitor = FrontPageClient.open(sample);
		visitor.login(sample.simulator().issueJwt(user)).expectStatus().isOk().expectBody().returnResult();
		return visitor;
	}

}
