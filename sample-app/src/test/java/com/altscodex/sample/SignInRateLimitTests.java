package com.altscodex.sample;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-address sign-in rate limit, as the sample ships it (a burst of 20): the 21st
 * quick {@code POST /login} from one address is refused with 429 before DeOAuth is asked,
 * while another address still signs in.
 */
class SignInRateLimitTests {

	private static final String AUTHORIZE_PATH = "/v1/oauth-meta/authorize";

	private static final int BURST = 20;

	private static RunningSample sample;

	private static DeOAuthSimulator simulator;

	@BeforeAll
	static void startSample() {
		// the default burst; a refill slow enough that a slow machine cannot earn a 21st
		// sign-in while the test signs in 20 times
		sample = RunningSample.start(RunningSample.RECORD_TRAFFIC, "--altscodex.security.rate-limit.refill-period=1h");
		simulator = sample.simulator();
	}

	@AfterAll
	static void stopSample() {
		sample.close();
	}

	@Test
	void twentyFirstQuickLoginFromOneAddressIs429WithRetryAfterAndDeOAuthIsNotAsked() {
		FrontPageClient visitor = FrontPageClient.open(sample);
		for (int i = 0; i < BURST; i++) {
			visitor.login(simulator.issueJwt("alice")).expectStatus().isOk().expectBody().returnResult();
		}
		assertThat(simulator.requests(AUTHORIZE_PATH)).hasSize(BURST);

		visitor.login(simulator.issueJwt("alice"))
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value(HttpHeaders.RETRY_AFTER, (retryAfter) -> assertThat(Long.parseLong(retryAfter)).isPositive())
			.expectBody()
			.jsonPath("$.status").isEqualTo(429)
			.jsonPath("$.type").isEqualTo("https://altscodex.com/problems/sign-in-rate-limited")
			.jsonPath("$.title").isNotEmpty()
			.jsonPath("$.detail").isNotEmpty();
		assertThat(simulator.requests(AUTHORIZE_PATH)).hasSize(BURST);

		// Linux answers for all of 127.0.0.0/8: another client address has a bucket of its own
		FrontPageClient otherAddress = FrontPageClient.open(sample.port(), "127.0.0.2");
		otherAddress.login(simulator.issueJwt("bob")).expectStatus().isOk().expectBody().returnResult();
		assertThat(simulator.requests(AUTHORIZE_PATH)).hasSize(BURST + 1);
	}

}
