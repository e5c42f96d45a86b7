package com.altscodex.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.altscodex.spring.client.AltsCodexClient;

/**
 * Signs users in with AltsCodex. The front page ({@code static/index.html}) reads
 * {@code GET /config} and {@code GET /me}, and signs in either with the AltsCodex login
 * popup (its JWT posted to {@code POST /login}) or in the same window
 * ({@code GET /login/altscodex}). The starter provides those endpoints, the DeOAuth
 * callback, {@code POST /logout} and the CSRF protection; the sample only says which of
 * its own pages are public ({@link SampleSecurityConfiguration}).
 * <p>
 * Signed-in users also get roles and permissions, kept in an H2 database file, and
 * personal access tokens for scripts (the starter's {@code /api/tokens}): the page shows
 * the quarterly reports to holders of {@code reports:read} ({@link ReportService}) and
 * links admins, who hold {@code rbac:admin}, to a page that manages roles through the
 * starter's {@code /api/admin/rbac} ({@link AdminService}).
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	@Bean
	RouterFunction<ServerResponse> sampleRoutes(AltsCodexClient altsCodex) {
		ClientConfig config = ClientConfig.of(altsCodex.getRegistration());
		return RouterFunctions.route().GET("/config", (request) -> ServerResponse.ok().bodyValue(config)).build();
	}

}
