package com.altscodex.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

import com.altscodex.spring.security.AltsCodexLoginConfigurer;

/**
 * The sample's own security filter chain, with AltsCodex sign-in applied by the
 * starter's {@link AltsCodexLoginConfigurer}: {@code POST /login} (popup), the redirect
 * flow, {@code GET /me}, {@code POST /logout}, the DeOAuth callback and CSRF protection,
 * and, since the sample has a database, {@code Authorization: Bearer altscodex_pat_...}
 * personal access tokens and each user's roles and permissions as authorities.
 * <p>
 * What a signed-in user may do beyond that is said where it is done, with
 * {@code @PreAuthorize} on reactive methods ({@link ReportService}, {@link AdminService}):
 * the chain only asks for a user.
 */
@Configuration(proxyBeanMethods = false)
@EnableReactiveMethodSecurity
class SampleSecurityConfiguration {

	@Bean
	SecurityWebFilterChain sampleSecurity(ServerHttpSecurity http, AltsCodexLoginConfigurer altsCodexLogin) {
		return altsCodexLogin.configure(http)
			.authorizeExchange((exchanges) -> exchanges
				// The front page is the sign-in screen: a signed-out visitor must be able to
				// load it (and /config, which holds public values only) to sign in at all.
				// It shows no user data itself; it asks GET /me, which needs a session. So
				// does the admin page, whose data needs rbac:admin (AdminService).
				// The actuator endpoints are open for the demo only: protect them in a real
				// application.
				.pathMatchers("/", "/index.html", "/app.js", "/api.js", "/account.js", "/admin.html", "/admin.js",
						"/style.css", "/favicon.ico", "/config", "/actuator/**")
				.permitAll()
				.anyExchange()
				.authenticated())
			.build();
	}

}
