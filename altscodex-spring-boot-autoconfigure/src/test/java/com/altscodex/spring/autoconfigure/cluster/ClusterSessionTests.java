package com.altscodex.spring.autoconfigure.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.util.UriComponentsBuilder;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.spring.autoconfigure.security.BrowserSession;
import com.altscodex.spring.autoconfigure.security.app.SecurityTestApplication;
import com.altscodex.spring.testsupport.redis.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three instances of one application, their sessions in Redis through Spring Session
 * ({@code spring.session.data.redis.repository-type=indexed}): a browser signed in on one is
 * signed in on all, signed out on one is signed out on all, and a user's sessions are
 * counted across instances ({@code altscodex.security.max-sessions-per-user}). Anonymous
 * callers leave no session in Redis.
 */
class ClusterSessionTests {

	private static final String NAMESPACE = TestRedis.uniquePrefix("cluster-sessions") + "session";

	// a session's own key: the namespace, "sessions:" and its id (its index entries have more)
	private static final Pattern SESSION_KEY = Pattern
		.compile(Pattern.quote(NAMESPACE) + ":sessions:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private static final Duration STATE_TIME_TO_LIVE = Duration.ofMinutes(1);

	// Spring Boot's default
	private static final Duration SESSION_TIMEOUT = Duration.ofMinutes(30);

	private static DeOAuthSimulator simulator;

	private static ClusterInstances cluster;

	private static RedisClient redisClient;

	private static StatefulRedisConnection<String, String> redis;

	@BeforeAll
	static void start() {
		simulator = DeOAuthSimulator.builder().build().start();
		cluster = ClusterInstances.builder(simulator)
			.application(SecurityTestApplication.class)
			.property("spring.session.data.redis.namespace", NAMESPACE)
			.property("spring.session.data.redis.repository-type", "indexed")
			.property("altscodex.security.max-sessions-per-user", 2)
			.property("altscodex.security.state-time-to-live", STATE_TIME_TO_LIVE.toSeconds() + "s")
			.start();
		redisClient = RedisClient.create(cluster.redis().url());
		redis = redisClient.connect();
	}

	@AfterAll
	static void stop() {
		if (cluster != null) {
			cluster.close();
		}
		if (redisClient != null) {
			redisClient.shutdown();
		}
		if (simulator != null) {
			simulator.close();
		}
	}

	@Test
	void signedInOnInstanceOneThenSignedInOnInstanceThree() {
		BrowserSession first = signedIn(1, "carol");

		BrowserSession third = browser(3, first);

		assertThat(third.get("/me").getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(new String(third.get("/me").getResponseBodyContent())).contains("carol");
	}

	@Test
	void signedOutOnOneInstanceThenSignedOutOnEveryInstance() {
		BrowserSession first = signedIn(1, "dave");
		BrowserSession second = browser(2, first);
		BrowserSession third = browser(3, first);
		assertThat(third.get("/me").getStatus()).isEqualTo(HttpStatus.OK);
		String session = first.cookie(BrowserSession.SESSION);

		assertThat(second.post("/logout", true).getStatus().is2xxSuccessful()).isTrue();

		assertThat(redis.sync().exists(NAMESPACE + ":sessions:" + session)).isZero();
		BrowserSession stale = browser(1, first);
		stale.set(BrowserSession.SESSION, session);
		assertThat(stale.get("/me").getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		third.set(BrowserSession.SESSION, session);
		assertThat(third.get("/me").getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void thirdSessionOfAUserOnAnotherInstanceThenTheLeastRecentlyUsedEndsEverywhere() {
		BrowserSession laptop = signedIn(1, "erin");
		BrowserSession phone = signedIn(2, "erin");
		BrowserSession bobs = signedIn(3, "frank");
		// the laptop was used last, on instance 3: the phone's session is the least recently used
		assertThat(browser(3, laptop).get("/me").getStatus()).isEqualTo(HttpStatus.OK);

		BrowserSession tablet = signedIn(3, "erin");

		assertThat(browser(1, tablet).get("/me").getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(browser(2, laptop).get("/me").getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(browser(1, phone).get("/me").getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(browser(2, phone).get("/me").getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(browser(1, bobs).get("/me").getStatus()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void anonymousCallersThenNoSessionInRedis() {
		long before = sessionKeys();
		for (int instance = 1; instance <= 3; instance++) {
			BrowserSession browser = browser(instance).loadPage();
			assertThat(browser.get("/me").getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(browser.get("/api/hello").getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(browser.postJson("/login", "{}", true).getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
			// refused by DeOAuth
			assertThat(browser.postJson("/login", "{\"jwt\":\"not-a-jwt\"}", true).getStatus().isError()).isTrue();
			assertThat(browser.signIn(simulator.issueJwt("nobody-" + instance, Duration.ofMillis(1))).getStatus().value())
				.isBetween(400, 499);
			assertThat(browser.cookie(BrowserSession.SESSION)).isNull();
		}
		assertThat(sessionKeys()).isEqualTo(before);
	}

	@Test
	void redirectSignInStartedAndAbandonedThenItsSessionLivesAsLongAsItsState() {
		BrowserSession browser = browser(2);

		assertThat(browser.get("/login/altscodex").getStatus().is3xxRedirection()).isTrue();

		String session = browser.cookie(BrowserSession.SESSION);
		assertThat(session).isNotNull();
		// Spring Session keeps a session's key up to five minutes beyond its life, for its expiry events
		assertThat(timeToLive(session)).isPositive()
			.isLessThanOrEqualTo(STATE_TIME_TO_LIVE.plusMinutes(5))
			.isLessThan(SESSION_TIMEOUT);
	}

	@Test
	void redirectSignInCompletedThenSignedInForAWholeSessionOnEveryInstance() {
		BrowserSession browser = browser(1);
		URI platform = browser.get("/login/altscodex").getResponseHeaders().getLocation();
		URI back = new BrowserSession(simulator.baseUrl())
			.get(pathAndQuery(UriComponentsBuilder.fromUri(platform)
				.replacePath("/oauth/login/choose")
				.queryParam("user", "grace")
				.build()
				.toUri()))
			.getResponseHeaders()
			.getLocation();

		assertThat(browser.get(pathAndQuery(back)).getStatus().value()).isEqualTo(302);

		String session = browser.cookie(BrowserSession.SESSION);
		assertThat(browser(2, browser).get("/me").getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(timeToLive(session)).isGreaterThanOrEqualTo(SESSION_TIMEOUT.minusMinutes(1));
	}

	private static BrowserSession signedIn(int instance, String user) {
		BrowserSession browser = browser(instance);
		assertThat(browser.signIn(simulator.issueJwt(user)).getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(browser.cookie(BrowserSession.SESSION)).isNotNull();
		return browser;
	}

	private static Duration timeToLive(String session) {
		return Duration.ofSeconds(redis.sync().ttl(NAMESPACE + ":sessions:" + session));
	}

	private static String pathAndQuery(URI uri) {
		return uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
	}

	private static long sessionKeys() {
		return redis.sync().keys(NAMESPACE + ":*").stream().filter((key) -> SESSION_KEY.matcher(key).matches()).count();
	}

	private static BrowserSession browser(int instance) {
		return cluster.instance(instance).browser();
	}

	/** The same browser, its cookies as they are now, on another instance. */
	private static BrowserSession browser(int instance, BrowserSession of) {
		BrowserSession browser = browser(instance);
		for (String name : List.of(BrowserSession.SESSION, BrowserSession.XSRF_TOKEN)) {
			if (of.cookie(name) != null) {
				browser.set(name, of.cookie(name));
			}
		}
		return browser;
	}

}
