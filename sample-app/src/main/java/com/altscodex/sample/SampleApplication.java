package com.altscodex.sample;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.altscodex.spring.client.AltsCodexClient;

/**
 * Signs users in with AltsCodex. The front page ({@code static/index.html}) reads
 * {@code GET /config}, opens the AltsCodex login popup and posts the JWT it receives to
 * {@code POST /login}. The starter adds the DeOAuth callback endpoint and answers
 * client failures with {@code application/problem+json}.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	@Bean
	RouterFunction<ServerResponse> sampleRoutes(AltsCodexClient altsCodex, JsonMapper jsonMapper) {
		ClientConfig config = ClientConfig.of(altsCodex.getRegistration());
		return RouterFunctions.route()
			.GET("/config", (request) -> ServerResponse.ok().bodyValue(config))
			// every method, so that GET or PUT get a 405 problem rather than a 404
			.route(RequestPredicates.path("/login"), new LoginHandler(altsCodex, jsonMapper))
			.build();
	}

}
