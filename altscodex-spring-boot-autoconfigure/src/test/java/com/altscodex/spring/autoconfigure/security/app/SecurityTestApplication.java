package com.altscodex.spring.autoconfigure.security.app;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import com.altscodex.spring.security.AltsCodexAuthorizedClient;
import com.altscodex.spring.security.AltsCodexAuthorizedClientManager;
import com.altscodex.spring.security.AltsCodexUser;
import com.altscodex.spring.security.AltsCodexUserRequest;
import com.altscodex.spring.security.AltsCodexUserService;
import com.altscodex.spring.security.DefaultAltsCodexUserService;

/**
 * An application on the starter with Spring Security and no security configuration of
 * its own: the starter's default chain. Its endpoints show what the server keeps of a
 * sign-in without ever answering a token.
 */
@SpringBootApplication
public class SecurityTestApplication {

	@Bean
	SlotRecorder slotRecorder() {
		return new SlotRecorder();
	}

	/**
	 * The starter's user service, recording the access tokens of the slots it sees, so
	 * that a test knows what must never reach the browser.
	 */
	public static final class SlotRecorder implements AltsCodexUserService {

		private final DefaultAltsCodexUserService delegate = new DefaultAltsCodexUserService();

		private final List<String> accessTokens = new CopyOnWriteArrayList<>();

		private final List<String> otherSecrets = new CopyOnWriteArrayList<>();

		public List<String> accessTokens() {
			return this.accessTokens;
		}

		/**
		 * The codes and refresh tokens of the slots seen.
		 */
		public List<String> otherSecrets() {
			return this.otherSecrets;
		}

		@Override
		public Mono<AltsCodexUser> loadUser(AltsCodexUserRequest request) {
			String accessToken = request.slotInfo().accessToken();
			if (accessToken != null) {
				this.accessTokens.add(accessToken);
			}
			for (String secret : new String[] { request.slotInfo().code(), request.slotInfo().refreshToken() }) {
				if (secret != null) {
					this.otherSecrets.add(secret);
				}
			}
			return this.delegate.loadUser(request);
		}

	}

	@RestController
	static class TokenController {

		private final AltsCodexAuthorizedClientManager authorizedClients;

		TokenController(AltsCodexAuthorizedClientManager authorizedClients) {
			this.authorizedClients = authorizedClients;
		}

		@GetMapping("/api/hello")
		Mono<Map<String, String>> hello() {
			return Mono.just(Map.of("hello", "world"));
		}

		// a fingerprint of the access token, never the token
		@GetMapping("/api/token-fingerprint")
		Mono<Map<String, Object>> tokenFingerprint(ServerWebExchange exchange) {
			return this.authorizedClients.loadAuthorizedClient(exchange).map(TokenController::fingerprint);
		}

		@PostMapping("/api/refresh")
		Mono<Map<String, Object>> refresh(ServerWebExchange exchange) {
			return this.authorizedClients.refresh(exchange).map(TokenController::fingerprint);
		}

		private static Map<String, Object> fingerprint(AltsCodexAuthorizedClient client) {
			String token = client.accessToken();
			return Map.of("present", token != null, "hash", (token != null) ? token.hashCode() : 0);
		}

	}

}
