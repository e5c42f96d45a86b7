package com.altscodex.benchmarks.bare;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.altscodex.benchmarks.server.BenchServerConfiguration;
import com.altscodex.benchmarks.server.BenchServers;
import com.altscodex.benchmarks.server.JwtBodies;
import com.altscodex.benchmarks.server.LoginAnswer;
import com.altscodex.benchmarks.server.PendingLoginCount;

/**
 * The ceiling: the same {@code POST /login} and callback endpoint as the app under test,
 * on Spring Boot WebFlux without the AltsCodex starter (all its auto-configurations are
 * excluded). A bare {@link WebClient} calls {@code authorize} and {@code get_token}; a
 * map of {@code Sinks.One} pairs callbacks with logins. Configured with
 * {@code bare.client-id}, {@code bare.client-secret}, {@code bare.redirect-uri},
 * {@code bare.auth-server-url} and {@code bare.timeout}.
 */
@SpringBootApplication(proxyBeanMethods = false)
@Import(BenchServerConfiguration.class)
public class BareApp {

	/** The most connections the bare client opens to DeOAuth, as many as the starter's default. */
	public static final int MAX_CONNECTIONS = 500;

	/** The most requests of the bare client that wait for a connection to DeOAuth; {@code -1}: unbounded. */
	public static final int MAX_PENDING_ACQUIRES = -1;

	private static final String RECEIVED = "{\"received\":true}";

	public static void main(String[] args) {
		// every auto-configuration of the starter excluded, whatever it adds later
		BenchServers.run(BareApp.class, args, true);
	}

	@Bean
	BareDeOAuthClient bareDeOAuthClient(WebClient.Builder webClientBuilder, @Value("${bare.client-id}") String clientId,
			@Value("${bare.client-secret}") String clientSecret, @Value("${bare.redirect-uri}") String redirectUri,
			@Value("${bare.auth-server-url}") String authServerUrl,
			@Value("${bare.timeout:15s}") Duration timeout) {
		return new BareDeOAuthClient(webClientBuilder, clientId, clientSecret, redirectUri, authServerUrl, timeout);
	}

	@Bean
	RouterFunction<ServerResponse> bareRoutes(BareDeOAuthClient client,
			@Value("${bare.callback-path:/login/altscodex}") String callbackPath) {
		return RouterFunctions.route()
			.POST("/login", (request) -> JwtBodies.read(request)
				.flatMap(client::login)
				.flatMap((slot) -> ServerResponse.ok()
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(new LoginAnswer(slot.id()))))
			.POST(callbackPath, (request) -> {
				client.callback(first(request.queryParams().get("state")), first(request.queryParams().get("code")),
						first(request.queryParams().get("success")));
				return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(RECEIVED);
			})
			.build();
	}

	private static String first(List<String> values) {
		return (values == null || values.isEmpty()) ? "" : values.get(0);
	}

	@Bean
	PendingLoginCount pendingLoginCount(BareDeOAuthClient client) {
		return client::pendingCount;
	}

}
