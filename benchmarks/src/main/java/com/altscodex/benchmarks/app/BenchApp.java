package com.altscodex.benchmarks.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.altscodex.benchmarks.server.Authorization;
import com.altscodex.benchmarks.server.AuthorizationBenchConfiguration;
import com.altscodex.benchmarks.server.BenchServerConfiguration;
import com.altscodex.benchmarks.server.BenchServers;
import com.altscodex.benchmarks.server.JwtBodies;
import com.altscodex.benchmarks.server.LoginAnswer;
import com.altscodex.benchmarks.server.PendingLoginCount;
import com.altscodex.benchmarks.server.SecuredBenchConfiguration;
import com.altscodex.benchmarks.server.Security;
import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.pending.PendingLoginRegistry;
import com.altscodex.spring.security.AltsCodexUserService;
import com.altscodex.spring.security.DefaultAltsCodexUserService;

/**
 * The app under test: {@code POST /login} with the raw JWT as its body signs the user in
 * through {@link AltsCodexClient#getSlotInfo(String)} and answers
 * {@code 200 {"id": "<slot id>"}}. The starter adds the callback endpoint and the
 * problem-detail answers; everything is configured through {@code altscodex.*}
 * properties, as in any app on the starter.
 * <p>
 * With {@code --bench.security=starter} the app runs the starter's default security
 * chain (its own {@code POST /login} route is then never reached: the chain's popup
 * sign-in answers it); with {@code --bench.security=form-login}, Spring Security's own
 * form login instead. Either adds {@code GET /bench/hello} ({@link SecuredBenchConfiguration}).
 * Without the property the app has no Spring Security at all ({@link Security#NONE}).
 * With {@code --bench.authorization=rbac} or {@code without-rbac} on top of the starter's
 * chain, the app is one of the authz stage's ({@link AuthorizationBenchConfiguration}):
 * roles and personal access tokens on, or off with the permission from the app's
 * {@link AltsCodexUserService} instead.
 */
@SpringBootApplication(proxyBeanMethods = false)
@Import(BenchServerConfiguration.class)
public class BenchApp {

	public static void main(String[] args) {
		BenchServers.run(BenchApp.class, args);
	}

	@Bean
	RouterFunction<ServerResponse> loginRoutes(AltsCodexClient altsCodex) {
		return RouterFunctions.route()
			.POST("/login", (request) -> JwtBodies.read(request)
				.flatMap(altsCodex::getSlotInfo)
				.flatMap((slot) -> ServerResponse.ok()
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(new LoginAnswer(slot.id()))))
			.build();
	}

	@Bean
	PendingLoginCount pendingLoginCount(AltsCodexClient altsCodex, PendingLoginRegistry pendingLogins) {
		String client = altsCodex.getRegistration().getName();
		return new PendingLoginCount() {

			@Override
			public int get() {
				return pendingLogins.size(client);
			}

			@Override
			public long refused() {
				return pendingLogins.refusedCount(client);
			}

		};
	}

	/**
	 * The starter's default chain: nothing to declare, the starter contributes it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = BenchServers.SECURITY_PROPERTY, havingValue = "starter")
	@Import(SecuredBenchConfiguration.class)
	static class StarterSecurity {

	}

	/**
	 * Spring Security's own session-based chain: form login ({@code POST /login} with
	 * {@code username}, {@code password} and the CSRF token of the login page) for one
	 * in-memory user whose password is kept as it is, every request signed in, Spring
	 * Security's defaults otherwise.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = BenchServers.SECURITY_PROPERTY, havingValue = "form-login")
	@Import(SecuredBenchConfiguration.class)
	static class FormLoginSecurity {

		@Bean
		SecurityWebFilterChain formLoginSecurity(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.formLogin(Customizer.withDefaults())
				.build();
		}

		@Bean
		MapReactiveUserDetailsService formLoginUsers() {
			return new MapReactiveUserDetailsService(User.withUsername(Security.FORM_LOGIN_USER)
				.password(Security.FORM_LOGIN_PASSWORD)
				.roles("USER")
				.build());
		}

		/*
		 * The password as it is: with Spring Security's delegating encoder, a "{noop}"
		 * password is upgraded to BCrypt at the first sign-in and every sign-in then costs a
		 * BCrypt hash (some 70 ms of CPU), which would fill the profiles of the requests
		 * that follow. The stage measures the requests of signed-in sessions, not sign-in.
		 */
		@Bean
		PasswordEncoder formLoginPasswordEncoder() {
			return new PasswordEncoder() {

				@Override
				public String encode(CharSequence rawPassword) {
					return rawPassword.toString();
				}

				@Override
				public boolean matches(CharSequence rawPassword, String encodedPassword) {
					return encodedPassword.contentEquals(rawPassword);
				}

			};
		}

	}

	/**
	 * Roles and personal access tokens as the starter has them by default, the role's
	 * users seeded by the suite through {@code altscodex.rbac.bootstrap.reader}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = BenchServers.AUTHORIZATION_PROPERTY, havingValue = "rbac")
	@Import(AuthorizationBenchConfiguration.class)
	static class RbacAuthorization {

	}

	/**
	 * Roles and tokens off ({@code altscodex.rbac.enabled=false}): the permission comes
	 * from the user service at sign-in, beside the {@code ROLE_USER} the starter's default
	 * gives, as an application without roles would grant it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = BenchServers.AUTHORIZATION_PROPERTY, havingValue = "without-rbac")
	@Import(AuthorizationBenchConfiguration.class)
	static class UserServiceAuthorization {

		@Bean
		AltsCodexUserService benchUserService() {
			DefaultAltsCodexUserService users = new DefaultAltsCodexUserService();
			users.setAuthorities(AuthorityUtils.createAuthorityList("ROLE_USER", Authorization.PERMISSION));
			return users;
		}

	}

}
