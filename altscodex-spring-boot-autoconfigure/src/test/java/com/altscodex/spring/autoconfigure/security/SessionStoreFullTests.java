package com.altscodex.spring.autoconfigure.security;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import com.altscodex.spring.autoconfigure.security.app.SecurityTestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anonymous callers cannot fill the session store: their navigations create no session
 * (the page they were going to waits in a cookie), and once the store is full
 * ({@code server.reactive.session.max-sessions}) a sign-in that needs one more session is
 * answered 503 with {@code Retry-After}, not the 500 Spring's in-memory store would give.
 */
class SessionStoreFullTests {

	private ConfigurableApplicationContext context;

	private String baseUrl;

	@BeforeEach
	void start() {
		int port = AltsCodexSecurityTests.freePort();
		this.baseUrl = "http://127.0.0.1:" + port;
		this.context = new SpringApplicationBuilder(SecurityTestApplication.class)
			.properties("server.port=" + port, "server.reactive.session.max-sessions=2",
					"altscodex.client-id=full-tests", "altscodex.client-secret=full-tests-secret",
					"altscodex.redirect-uri=" + this.baseUrl + "/getinfo", "altscodex.auth-server-url=http://127.0.0.1:9")
			.run();
	}

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void anonymousNavigationsThenNoSessionCreated() {
		for (int i = 0; i < 5; i++) {
			EntityExchangeResult<byte[]> answer = new BrowserSession(this.baseUrl).get("/api/hello", (headers) -> {
				headers.setAccept(List.of(MediaType.TEXT_HTML));
				headers.set("Sec-Fetch-Mode", "navigate");
			});
			assertThat(answer.getStatus()).isEqualTo(HttpStatus.FOUND);
			assertThat(answer.getResponseCookies().getFirst(BrowserSession.SESSION)).isNull();
		}
		assertThat(new BrowserSession(this.baseUrl).get("/login/altscodex").getStatus()).isEqualTo(HttpStatus.FOUND);
	}

	@Test
	void storeFullThenSignInThatNeedsASessionIsServiceUnavailable() {
		BrowserSession first = new BrowserSession(this.baseUrl);
		assertThat(first.get("/login/altscodex").getStatus()).isEqualTo(HttpStatus.FOUND);
		assertThat(new BrowserSession(this.baseUrl).get("/login/altscodex").getStatus()).isEqualTo(HttpStatus.FOUND);

		EntityExchangeResult<byte[]> third = new BrowserSession(this.baseUrl).get("/login/altscodex");

		assertThat(third.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(third.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
		AltsCodexSecurityTests.assertProblem(third, "sessions-full");
		// a browser that has a session already takes no more room
		assertThat(first.get("/login/altscodex").getStatus()).isEqualTo(HttpStatus.FOUND);
	}

}
