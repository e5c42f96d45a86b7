package com.altscodex.benchmarks.server;

import java.nio.file.Path;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.altscodex.spring.autoconfigure.rbac.AltsCodexRbacProperties;
import com.altscodex.spring.pat.ReactivePersonalAccessTokenService;
import com.altscodex.spring.security.AltsCodexLoginConfigurer;

/**
 * What an app of the authz stage ({@link Authorization#RBAC},
 * {@link Authorization#WITHOUT_RBAC}) adds to the security stage's
 * ({@link SecuredBenchConfiguration}):
 * <ul>
 * <li>{@code GET /bench/public}: {@value SecuredBenchConfiguration#HELLO}, open to
 * anyone;</li>
 * <li>{@code GET /bench/reports}: the same answer from {@link BenchReports#hello()},
 * which {@code @PreAuthorize("hasAuthority('reports:read')")} guards;</li>
 * <li>the chain that lets both through: the starter's, applied with
 * {@link AltsCodexLoginConfigurer#configure(ServerHttpSecurity)} as an application
 * that declares its own chain does (the starter adds roles and personal access tokens to
 * it when they are on), with {@code /bench/public} open and everything else for signed-in
 * users; so anonymous requests and those with a token go through the same chain;</li>
 * <li>with {@code bench.token-file} set, a personal access token minted at start-up for
 * each user seeded into {@link Authorization#ROLE}, written to that file
 * ({@link PersonalAccessTokenFile}).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableReactiveMethodSecurity
@Import(SecuredBenchConfiguration.class)
public class AuthorizationBenchConfiguration {

	/** The path of the endpoint open to anyone. */
	public static final String PUBLIC_PATH = "/bench/public";

	/** The path of the endpoint that needs {@link Authorization#PERMISSION}. */
	public static final String REPORTS_PATH = "/bench/reports";

	/** The property of the file the app writes its minted tokens to. */
	public static final String TOKEN_FILE_PROPERTY = "bench.token-file";

	@Bean
	SecurityWebFilterChain authorizationBenchSecurity(ServerHttpSecurity http,
			AltsCodexLoginConfigurer altsCodexLogin) {
		return altsCodexLogin.configure(http)
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(PUBLIC_PATH)
				.permitAll()
				.anyExchange()
				.authenticated())
			.build();
	}

	@Bean
	BenchReports benchReports() {
		return new BenchReports();
	}

	@Bean
	RouterFunction<ServerResponse> authorizationBenchRoutes(BenchReports reports) {
		return RouterFunctions.route()
			.GET(PUBLIC_PATH, (request) -> hello(SecuredBenchConfiguration.HELLO))
			.GET(REPORTS_PATH, (request) -> reports.hello().flatMap(AuthorizationBenchConfiguration::hello))
			.build();
	}

	private static Mono<ServerResponse> hello(String body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

	@Bean
	@ConditionalOnProperty(TOKEN_FILE_PROPERTY)
	PersonalAccessTokenFile personalAccessTokenFile(ReactivePersonalAccessTokenService tokens,
			AltsCodexRbacProperties rbac, @Value("${" + TOKEN_FILE_PROPERTY + "}") Path file) {
		return new PersonalAccessTokenFile(tokens, rbac.getBootstrap().getOrDefault(Authorization.ROLE, List.of()),
				file);
	}

}
