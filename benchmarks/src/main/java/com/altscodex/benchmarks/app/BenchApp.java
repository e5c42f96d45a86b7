package com.altscodex.benchmarks.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.altscodex.benchmarks.server.BenchServerConfiguration;
import com.altscodex.benchmarks.server.BenchServers;
import com.altscodex.benchmarks.server.JwtBodies;
import com.altscodex.benchmarks.server.LoginAnswer;
import com.altscodex.benchmarks.server.PendingLoginCount;
import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.pending.PendingLoginRegistry;

/**
 * The app under test: {@code POST /login} with the raw JWT as its body signs the user in
 * through {@link AltsCodexClient#getSlotInfo(String)} and answers
 * {@code 200 {"id": "<slot id>"}}. The starter adds the callback endpoint and the
 * problem-detail answers; everything is configured through {@code altscodex.*}
 * properties, as in any app on the starter.
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

}
