package com.altscodex.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

import com.altscodex.spring.security.AltsCodexLoginConfigurer;

/**
 * The sample's own security filter chain, with AltsCodex sign-in applied by the
 * starter's {@link AltsCodexLoginConfigurer}: {@code POST /login} (popup), the redirect
 * flow, {@code GET /me}, {@code POST /logout}, the DeOAuth callback and CSRF protection.
 */
@Configuration(proxyBeanMethods = false)
class SampleSecurityConfiguration {

	@Bean
	SecurityWebFilterChain sampleSecurity(ServerHttpSecurity http, AltsCodexLoginConfigurer altsCodexLogin) {
		return altsCodexLogin.configure(http)
			.authorizeExchange((exchanges) -> exchanges
				// The front page is the sign-in screen: a signed-out visitor must be able to
				// load it (and /config, which holds public values only) to sign in at all.
				// It shows no user data itself; it asks GET /me, which needs a session.
				// The actuator endpoints are open for the demo only: protect them in a real
				// application.
				.pathMatchers("/", "/index.html", "/app.js", "/style.css", "/favicon.ico", "/config", "/actuator/**")
				.permitAll()
				.anyExchange()
				.authenticated())
			.build();
	}

}
