package com.altscodex.spring.pat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import com.altscodex.spring.client.FailureKind;
import com.altscodex.spring.security.AltsCodexAuthenticationException;
import com.altscodex.spring.security.ratelimit.InMemorySignInRateLimiter;

import static org.assertj.core.api.Assertions.assertThat;

class ServerPersonalAccessTokenAuthenticationConverterTests {

	private final ServerPersonalAccessTokenAuthenticationConverter converter = new ServerPersonalAccessTokenAuthenticationConverter();

	private final String token = new PersonalAccessTokenCodec().generate();

	@Test
	void convertWhenNoAuthorizationThenNotMine() {
		this.converter.convert(exchange(null)).as(StepVerifier::create).verifyComplete();
	}

	@Test
	void convertWhenAnotherBearerTokenOrSchemeThenNotMine() {
		this.converter.convert(exchange("Bearer eyJhbGciOiJIUzI1NiJ9.e30.x")).as(StepVerifier::create).verifyComplete();
		this.converter.convert(exchange("Basic YWxpY2U6c2VjcmV0")).as(StepVerifier::create).verifyComplete();
		this.converter.convert(exchange("Bearer")).as(StepVerifier::create).verifyComplete();
	}

	@Test
	void convertWhenWellFormedThenTheTokenWhateverTheSchemesCase() {
		this.converter.convert(exchange("bearer " + this.token))
			.as(StepVerifier::create)
			.assertNext((authentication) -> {
				assertThat(authentication).isInstanceOf(PersonalAccessTokenAuthenticationToken.class);
				assertThat(((PersonalAccessTokenAuthenticationToken) authentication).getToken()).isEqualTo(this.token);
				assertThat(authentication.isAuthenticated()).isFalse();
				assertThat(authentication.toString()).doesNotContain(this.token.substring(14));
			})
			.verifyComplete();
	}

	@Test
	void convertWhenTheChecksumFailsThenInvalidToken() {
		String mistyped = this.token.substring(0, 20) + ((this.token.charAt(20) == 'a') ? 'b' : 'a')
				+ this.token.substring(21);
		this.converter.convert(exchange("Bearer " + mistyped))
			.as(StepVerifier::create)
			.expectErrorSatisfies((failure) -> assertThat(((AltsCodexAuthenticationException) failure).getKind())
				.isEqualTo(FailureKind.INVALID_PERSONAL_ACCESS_TOKEN))
			.verify();
	}

	@Test
	void convertWhenTheAddressSentTooManyInvalidTokensThenRefusedUnread() {
		InMemorySignInRateLimiter limiter = new InMemorySignInRateLimiter(1, 1, Duration.ofMinutes(1), 10);
		this.converter.setFailureLimiter(limiter);
		this.converter.convert(exchange("Bearer " + this.token)).as(StepVerifier::create).expectNextCount(1).verifyComplete();
		limiter.decide("unknown");
		this.converter.convert(exchange("Bearer " + this.token))
			.as(StepVerifier::create)
			.expectErrorSatisfies((failure) -> {
				assertThat(failure).isInstanceOf(PersonalAccessTokenRateLimitedException.class);
				assertThat(((PersonalAccessTokenRateLimitedException) failure).getRetryAfter()).isPositive();
			})
			.verify();
	}

	private static MockServerWebExchange exchange(String authorization) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/reports");
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		return MockServerWebExchange.from(request);
	}

}
