package com.altscodex.spring.autoconfigure.security;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
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
 * The sign-in limit counts the client's address, which forwarded headers may name only
 * when Spring Boot is told to trust them ({@code server.forward-headers-strategy}): else a
 * caller could dodge the limit with a made-up {@code X-Forwarded-For} on every attempt.
 * The attempts are malformed sign-ins (answered 400), so nothing reaches DeOAuth.
 */
class SignInRateLimitBehindProxyTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void forwardedHeadersNotTrustedThenMadeUpAddressesShareOneAllowance() {
		BrowserSession browser = start("none");

		assertThat(attempt(browser, "203.0.113.1")).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(attempt(browser, "203.0.113.2")).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(attempt(browser, "203.0.113.3")).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

	@Test
	void forwardedHeadersTrustedThenEachClientAddressHasItsOwnAllowance() {
		BrowserSession browser = start("framework");

		assertThat(attempt(browser, "203.0.113.1")).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(attempt(browser, "203.0.113.1")).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(attempt(browser, "203.0.113.2")).isEqualTo(HttpStatus.BAD_REQUEST);
		EntityExchangeResult<byte[]> limited = send(browser, "203.0.113.1");
		assertThat(limited.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(limited.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
		AltsCodexSecurityTests.assertProblem(limited, "sign-in-rate-limited");
	}

	private BrowserSession start(String forwardHeadersStrategy) {
		int port = AltsCodexSecurityTests.freePort();
		this.context = new SpringApplicationBuilder(SecurityTestApplication.class)
			.properties("server.port=" + port, "server.forward-headers-strategy=" + forwardHeadersStrategy,
					"altscodex.client-id=proxy-tests", "altscodex.client-secret=proxy-tests-secret",
					"altscodex.redirect-uri=http://127.0.0.1:" + port + "/getinfo",
					"altscodex.auth-server-url=http://127.0.0.1:9", "altscodex.security.rate-limit.capacity=2",
					"altscodex.security.rate-limit.refill-period=1h")
			.run();
		return new BrowserSession("http://127.0.0.1:" + port).loadPage();
	}

	private static HttpStatus attempt(BrowserSession browser, String forwardedFor) {
		return HttpStatus.valueOf(send(browser, forwardedFor).getStatus().value());
	}

	private static EntityExchangeResult<byte[]> send(BrowserSession browser, String forwardedFor) {
		Consumer<HttpHeaders> headers = (h) -> {
			h.set("X-Forwarded-For", forwardedFor);
			h.set("X-XSRF-TOKEN", browser.cookie(BrowserSession.XSRF_TOKEN));
			h.setContentType(MediaType.APPLICATION_JSON);
			h.setAccept(List.of(MediaType.APPLICATION_JSON));
		};
		return browser.web()
			.post()
			.uri("/login")
			.cookie(BrowserSession.XSRF_TOKEN, browser.cookie(BrowserSession.XSRF_TOKEN))
			.headers(headers)
			.bodyValue("{}")
			.exchange()
			.expectBody()
			.returnResult();
	}

}
