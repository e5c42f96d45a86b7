package com.altscodex.spring.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;

import com.altscodex.spring.client.FailureKind;

import static org.assertj.core.api.Assertions.assertThat;

class ServerAltsCodexRedirectAuthenticationConverterTests {

	private static final String STATE = "s".repeat(32);

	private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

	private final WebSessionServerAltsCodexLoginRequestRepository repository = new WebSessionServerAltsCodexLoginRequestRepository();

	private final ServerAltsCodexRedirectAuthenticationConverter converter = new ServerAltsCodexRedirectAuthenticationConverter(
			this.repository);

	@Test
	void returnWithTheStoredStateThenCodeTokenForItsClient() {
		MockServerWebExchange exchange = returning("state=" + STATE + "&code=c-1&success=1");
		store(exchange, NOW.plusSeconds(600));

		Authentication token = convertAt(exchange, NOW).block();

		assertThat(token).isInstanceOfSatisfying(AltsCodexLoginAuthenticationToken.class, (login) -> {
			assertThat(login.getClientName()).isEqualTo("shop");
			assertThat(login.getGrantType()).isEqualTo(AltsCodexLoginAuthenticationToken.GrantType.CODE);
			assertThat(login.getGrant()).isEqualTo("c-1");
			assertThat(login.isAuthenticated()).isFalse();
		});
	}

	@Test
	void returnAfterTheStateExpiredThenInvalidState() {
		MockServerWebExchange exchange = returning("state=" + STATE + "&code=c-1&success=1");
		store(exchange, NOW.plusSeconds(600));

		convertAt(exchange, NOW.plus(Duration.ofMinutes(10))).as(StepVerifier::create)
			.verifyErrorSatisfies((ex) -> assertKind(ex, FailureKind.INVALID_STATE));
	}

	@Test
	void returnWithAnotherStateThenInvalidStateAndTheStoredOneIsUsedUp() {
		MockServerWebExchange exchange = returning("state=" + "x".repeat(32) + "&code=c-1&success=1");
		store(exchange, NOW.plusSeconds(600));

		convertAt(exchange, NOW).as(StepVerifier::create)
			.verifyErrorSatisfies((ex) -> assertKind(ex, FailureKind.INVALID_STATE));
		this.repository.removeLoginRequest(exchange).as(StepVerifier::create).verifyComplete();
	}

	@Test
	void returnTwiceThenSecondIsInvalidState() {
		MockServerWebExchange exchange = returning("state=" + STATE + "&code=c-1&success=1");
		store(exchange, NOW.plusSeconds(600));
		convertAt(exchange, NOW).block();

		convertAt(exchange, NOW).as(StepVerifier::create)
			.verifyErrorSatisfies((ex) -> assertKind(ex, FailureKind.INVALID_STATE));
	}

	@Test
	void returnToASessionThatStartedNothingThenInvalidState() {
		convertAt(returning("state=" + STATE + "&code=c-1&success=1"), NOW).as(StepVerifier::create)
			.verifyErrorSatisfies((ex) -> assertKind(ex, FailureKind.INVALID_STATE));
	}

	@Test
	void declinedOrWithoutCodeThenRejected() {
		for (String query : new String[] { "state=" + STATE + "&code=ACCESS_DENIED&success=0",
				"state=" + STATE + "&success=1" }) {
			MockServerWebExchange exchange = returning(query);
			store(exchange, NOW.plusSeconds(600));
			convertAt(exchange, NOW).as(StepVerifier::create)
				.verifyErrorSatisfies((ex) -> assertKind(ex, FailureKind.AUTHORIZE_REJECTED));
		}
	}

	@Test
	void malformedOrOversizedQueryThenInvalidRequest() {
		for (String query : new String[] { "state=a&state=b", "state=" + "a".repeat(3000) }) {
			convertAt(returning(query), NOW).as(StepVerifier::create)
				.verifyErrorSatisfies((ex) -> assertKind(ex, FailureKind.INVALID_LOGIN_REQUEST));
		}
	}

	private reactor.core.publisher.Mono<Authentication> convertAt(MockServerWebExchange exchange, Instant now) {
		this.converter.setClock(Clock.fixed(now, ZoneOffset.UTC));
		return this.converter.convert(exchange);
	}

	private void store(MockServerWebExchange exchange, Instant expiresAt) {
		this.repository.saveLoginRequest(new AltsCodexLoginRequest(STATE, "shop", expiresAt), exchange).block();
	}

	private static MockServerWebExchange returning(String query) {
		return MockServerWebExchange.from(MockServerHttpRequest.get("/getinfo?" + query));
	}

	private static void assertKind(Throwable ex, FailureKind kind) {
		assertThat(ex).isInstanceOfSatisfying(AltsCodexAuthenticationException.class,
				(failure) -> assertThat(failure.getKind()).isEqualTo(kind));
	}

}
