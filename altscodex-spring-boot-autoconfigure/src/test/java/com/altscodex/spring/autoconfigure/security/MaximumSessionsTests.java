package com.altscodex.spring.autoconfigure.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;
import com.altscodex.spring.autoconfigure.security.app.SecurityTestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code altscodex.security.max-sessions-per-user}: a user signing in once too often ends
 * their least recently used session; other users are not touched.
 */
@SpringBootTest(classes = SecurityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = "altscodex.security.max-sessions-per-user=2")
class MaximumSessionsTests {

	static final int PORT = AltsCodexSecurityTests.freePort();

	@RegisterExtension
	static final DeOAuthSimulatorExtension simulator = DeOAuthSimulatorExtension.create()
		.client("sessions-tests", "client-secret-of-the-sessions-tests", "*");

	@DynamicPropertySource
	static void altsCodex(DynamicPropertyRegistry registry) {
		simulator.registerProperties(registry);
		registry.add("server.port", () -> PORT);
		registry.add("altscodex.client-id", () -> "sessions-tests");
		registry.add("altscodex.client-secret", () -> "client-secret-of-the-sessions-tests");
		registry.add("altscodex.redirect-uri", () -> "http://127.0.0.1:" + PORT + "/getinfo");
	}

	@Test
	void thirdSessionOfAUserThenTheLeastRecentlyUsedEnds() {
		BrowserSession laptop = signedIn("alice");
		BrowserSession phone = signedIn("alice");
		BrowserSession bobs = signedIn("bob");
		// the laptop was used last: the phone's session is the least recently used
		assertThat(laptop.get("/me").getStatus()).isEqualTo(HttpStatus.OK);

		BrowserSession tablet = signedIn("alice");

		assertThat(tablet.get("/me").getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(laptop.get("/me").getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(phone.get("/me").getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(bobs.get("/me").getStatus()).isEqualTo(HttpStatus.OK);
	}

	private static BrowserSession signedIn(String user) {
		BrowserSession browser = new BrowserSession("http://127.0.0.1:" + PORT);
		assertThat(browser.signIn(simulator.issueJwt(user)).getStatus()).isEqualTo(HttpStatus.OK);
		return browser;
	}

}
