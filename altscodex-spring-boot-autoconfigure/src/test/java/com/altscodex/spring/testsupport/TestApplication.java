package com.altscodex.spring.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.AltsCodexException;
import com.altscodex.spring.client.AltsCodexHttpException;
import com.altscodex.spring.client.AuthorizeFailedException;
import com.altscodex.spring.client.AuthorizeRejectedException;
import com.altscodex.spring.client.CallbackTimeoutException;
import com.altscodex.spring.client.ClientShutdownException;
import com.altscodex.spring.client.DeOAuthOperation;
import com.altscodex.spring.client.DeOAuthTimeoutException;
import com.altscodex.spring.client.DeOAuthUnavailableException;
import com.altscodex.spring.client.InvalidCodeException;
import com.altscodex.spring.client.InvalidJwtException;
import com.altscodex.spring.client.InvalidResponseException;
import com.altscodex.spring.client.TooManyPendingLoginsException;
import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;

/**
 * An application on the starter, as a user writes one: a login route that hands the
 * request body (a JWT) to the auto-configured client, and a route that raises each
 * client failure. Without Spring Security, which the security tests' own application
 * brings: these routes are what is under test here.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
		"com.altscodex.spring.autoconfigure.security.AltsCodexSecurityAutoConfiguration" })
public class TestApplication {

	public static final String CLIENT_ID = "test-client";

	public static final String CLIENT_SECRET = "test-secret-value-1234";

	@Bean
	RouterFunction<ServerResponse> testRoutes(AltsCodexClient client) {
		return RouterFunctions.route()
			// read as bytes: a String body would be logged in full by the codec at TRACE
			.POST("/test-login",
					(request) -> request.bodyToMono(byte[].class)
						.map((bytes) -> new String(bytes, StandardCharsets.US_ASCII))
						.flatMap(client::getSlotInfo)
						.flatMap((slot) -> ServerResponse.ok().bodyValue(slot)))
			.GET("/boom/{kind}", (request) -> Mono.error(failure(request.pathVariable("kind"))))
			// proves BlockHound covers the event loops that serve requests
			.GET("/blocking", (request) -> {
				String thread = Thread.currentThread().getName();
				try {
					Thread.sleep(1);
					return ServerResponse.ok().bodyValue("not detected on " + thread);
				}
				catch (BlockingOperationError ex) {
					return ServerResponse.ok().bodyValue("detected on " + thread);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return ServerResponse.ok().bodyValue("interrupted");
				}
			})
			.build();
	}

	static AltsCodexException failure(String kind) {
		return switch (kind) {
			case "expired" -> new AuthorizeFailedException("EXPIRED_TOKEN", "Token expired");
			case "authorize" -> new AuthorizeFailedException("AUTHORIZE_ERROR", "nope");
			case "timeout" -> new CallbackTimeoutException(Duration.ofSeconds(15));
			case "rejected" -> new AuthorizeRejectedException("rejected", "ACCESS_DENIED");
			case "shutdown" -> new ClientShutdownException("default");
			case "jwt" -> new InvalidJwtException("it is empty");
			case "code" -> new InvalidCodeException("it is empty");
			case "upstream500" -> new AltsCodexHttpException(DeOAuthOperation.GET_TOKEN, 500,
					Map.of("raw", "secret-upstream-detail"));
			case "upstream401" -> new AltsCodexHttpException(DeOAuthOperation.GET_TOKEN, 401,
					Map.of("error", "invalid_client"));
			case "junk" -> new InvalidResponseException(DeOAuthOperation.GET_TOKEN, "not JSON");
			case "unavailable" -> new DeOAuthUnavailableException("Could not reach DeOAuth", null);
			case "upstreamTimeout" -> new DeOAuthTimeoutException("DeOAuth did not answer in time");
			case "busy" -> new TooManyPendingLoginsException("default", 1000);
			default -> new AltsCodexException("other");
		};
	}

	/**
	 * Points the application at the simulator, on a port chosen up front so that the
	 * redirect URI can name it.
	 */
	public static void registerProperties(DynamicPropertyRegistry registry, DeOAuthSimulatorExtension simulator,
			int port) {
		simulator.registerProperties(registry);
		registry.add("server.port", () -> port);
		registry.add("altscodex.client-id", () -> CLIENT_ID);
		registry.add("altscodex.client-secret", () -> CLIENT_SECRET);
		registry.add("altscodex.redirect-uri", () -> "http://127.0.0.1:" + port + "/login/altscodex");
	}

	public static int freePort() {
		return TestSocketUtils.findAvailableTcpPort();
	}

}
