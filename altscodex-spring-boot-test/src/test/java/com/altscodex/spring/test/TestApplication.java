package com.altscodex.spring.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.altscodex.deoauth.simulator.CallbackAttempt;
import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.SlotInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application on the starter, as a user writes one: a login route that hands the
 * request body, a JWT, to the auto-configured client and answers the slot.
 */
@SpringBootConfiguration
// no Spring Security: its routes sign in by hand, as an application without it does
@EnableAutoConfiguration(excludeName = {
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
		"com.altscodex.spring.autoconfigure.security.AltsCodexSecurityAutoConfiguration" })
public class TestApplication {

	static final String LOGIN_PATH = "/test-login";

	@Bean
	RouterFunction<ServerResponse> loginRoute(AltsCodexClient client) {
		return RouterFunctions.route()
			// read as bytes: a String body would be logged in full by the codec at TRACE
			.POST(LOGIN_PATH,
					(request) -> request.bodyToMono(byte[].class)
						.map((bytes) -> new String(bytes, StandardCharsets.US_ASCII))
						.flatMap(client::getSlotInfo)
						.flatMap((slot) -> ServerResponse.ok().bodyValue(slot)))
			.build();
	}

	/**
	 * Signs in through the login route with a JWT and answers the slot the application
	 * got for it.
	 */
	static SlotInfo signIn(WebTestClient web, String jwt) {
		SlotInfo slot = web.post()
			.uri(LOGIN_PATH)
			.bodyValue(jwt)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(SlotInfo.class)
			.returnResult()
			.getResponseBody();
		assertThat(slot).isNotNull();
		return slot;
	}

	/**
	 * The one callback the simulator sent, once the application has answered it (the
	 * simulator records a callback when it has read the answer).
	 */
	static CallbackAttempt onlyCallback(DeOAuthSimulator simulator) {
		simulator.awaitCallbacks(1).block(Duration.ofSeconds(10));
		assertThat(simulator.callbacks()).hasSize(1);
		return simulator.callbacks().get(0);
	}

}
