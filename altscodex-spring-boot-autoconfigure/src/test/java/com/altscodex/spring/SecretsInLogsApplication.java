package com.altscodex.spring;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.client.SlotInfo;

/**
 * The application of {@link SecretsInLogsTests}: a sign-in route per client that
 * answers with the {@link SlotInfo} itself, so that Spring's JSON encoder logs it at
 * TRACE, and a tap on the clients' WebClient that keeps every answer DeOAuth gave them,
 * so that the test knows every token and code the application received, those it never
 * hands to application code (the refresh token of {@code get_token}) included.
 * <p>
 * A plain {@code @Configuration}, not a {@code @SpringBootConfiguration}, so that no
 * {@code @SpringBootTest} of this module picks it up by searching the packages.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration(excludeName = {
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
		"com.altscodex.spring.autoconfigure.security.AltsCodexSecurityAutoConfiguration" })
class SecretsInLogsApplication {

	static final String CLIENT_ID = "test-client";

	static final String CLIENT_SECRET = "test-secret-value-1234";

	@Bean
	RouterFunction<ServerResponse> signInRoutes(AltsCodexClients clients) {
		return RouterFunctions.route()
			// read as bytes: a String body would be logged in full by the codec at TRACE
			.POST("/sign-in/{client}", (request) -> request.bodyToMono(byte[].class)
				.map((bytes) -> new String(bytes, StandardCharsets.US_ASCII))
				.flatMap((jwt) -> signIn(clients.get(request.pathVariable("client")), jwt, request))
				.flatMap((slot) -> ServerResponse.ok().bodyValue(slot)))
			.build();
	}

	private static Mono<SlotInfo> signIn(AltsCodexClient client, String jwt, ServerRequest request) {
		return request.queryParam("timeout")
			.map((timeout) -> client.getSlotInfo(jwt, Duration.parse(timeout)))
			.orElseGet(() -> client.getSlotInfo(jwt));
	}

	@Bean
	DeOAuthAnswerTap deOAuthAnswerTap() {
		return new DeOAuthAnswerTap();
	}

	/**
	 * Keeps the body of every answer the clients' WebClient receives, as it passes by,
	 * without changing it or logging anything.
	 */
	static final class DeOAuthAnswerTap implements WebClientCustomizer, ExchangeFilterFunction {

		private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();

		@Override
		public void customize(WebClient.Builder webClientBuilder) {
			webClientBuilder.filter(this);
		}

		@Override
		public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
			String path = request.url().getPath();
			return next.exchange(request).map((response) -> {
				int status = response.statusCode().value();
				StringBuilder body = new StringBuilder();
				// WebClient subscribes to the body once more to release it: record the first reading only
				AtomicBoolean read = new AtomicBoolean();
				return response.mutate()
					.body((buffers) -> buffers
						.doOnNext((buffer) -> body.append(buffer.toString(buffer.readPosition(),
								buffer.readableByteCount(), StandardCharsets.UTF_8)))
						.doFinally((signal) -> {
							if (read.compareAndSet(false, true)) {
								this.answers.add(new Answer(path, status, body.toString()));
							}
						}))
					.build();
			});
		}

		/**
		 * The answers received so far, in the order they ended.
		 */
		List<Answer> answers() {
			return List.copyOf(this.answers);
		}

	}

	/**
	 * An answer DeOAuth gave a client.
	 *
	 * @param path the path of the request
	 * @param status its HTTP status
	 * @param body its body as text
	 */
	record Answer(String path, int status, String body) {

		@Override
		public String toString() {
			return "Answer[path=" + this.path + ", status=" + this.status + ", " + this.body.length() + " chars]";
		}

	}

}
