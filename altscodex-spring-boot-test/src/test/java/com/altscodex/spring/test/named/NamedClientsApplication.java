package com.altscodex.spring.test.named;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.altscodex.spring.client.AltsCodexClients;

/**
 * An application whose clients are all named: a login route per client. In a package of
 * its own, so that the other tests' search for a {@code @SpringBootConfiguration} does
 * not find it.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
// no Spring Security: its routes sign in by hand, as an application without it does
@EnableAutoConfiguration(excludeName = {
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
		"com.altscodex.spring.autoconfigure.security.AltsCodexSecurityAutoConfiguration" })
public class NamedClientsApplication {

	@Bean
	RouterFunction<ServerResponse> loginRoutes(AltsCodexClients clients) {
		return RouterFunctions.route()
			.POST("/test-login/{client}",
					(request) -> request.bodyToMono(byte[].class)
						.map((bytes) -> new String(bytes, StandardCharsets.US_ASCII))
						.flatMap(clients.get(request.pathVariable("client"))::getSlotInfo)
						.flatMap((slot) -> ServerResponse.ok().bodyValue(slot)))
			.build();
	}

}
