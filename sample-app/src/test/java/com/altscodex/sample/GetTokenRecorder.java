package com.altscodex.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads the answers of DeOAuth's {@code get_token} on their way into the application
 * (a filter on Boot's {@code WebClient.Builder}, which the starter uses), so a test knows
 * the access tokens that were handed out and can assert they leak nowhere. Passes every
 * answer on unchanged.
 */
@Configuration(proxyBeanMethods = false)
class GetTokenRecorder {

	private final List<String> accessTokens = new CopyOnWriteArrayList<>();

	@Bean
	WebClientCustomizer recordGetTokenAnswers() {
		return (builder) -> builder.filter((request, next) -> next.exchange(request).flatMap((response) -> {
			if (!request.url().getPath().endsWith("/get_token")) {
				return Mono.just(response);
			}
			return response.bodyToMono(String.class).map((body) -> {
				this.accessTokens.add(JsonMapper.shared().readTree(body).get("access_token").stringValue());
				return response.mutate().body(body).build();
			});
		}));
	}

	List<String> accessTokens() {
		return this.accessTokens;
	}

}
