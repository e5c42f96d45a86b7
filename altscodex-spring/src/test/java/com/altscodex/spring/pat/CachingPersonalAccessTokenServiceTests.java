package com.altscodex.spring.pat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;

import com.altscodex.spring.pat.r2dbc.R2dbcPersonalAccessTokenService;
import com.altscodex.spring.testsupport.r2dbc.CountingConnectionFactory;
import com.altscodex.spring.testsupport.r2dbc.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token cache over the R2DBC store on a real (in-memory) H2.
 */
class CachingPersonalAccessTokenServiceTests {

	private CountingConnectionFactory database;

	private CachingPersonalAccessTokenService tokens;

	@BeforeEach
	void newDatabase() {
		ConnectionFactory h2 = TestDatabases.h2("caching-tokens-" + UUID.randomUUID());
		TestDatabases.applySchema(h2, R2dbcPersonalAccessTokenService.SCHEMA_LOCATION_PATTERN, TestDatabases.H2);
		this.database = new CountingConnectionFactory(h2);
		this.tokens = new CachingPersonalAccessTokenService(store(), Duration.ofMinutes(1), 100);
	}

	@Test
	void resolveTwiceThenTheStoreIsAskedOnce() {
		String raw = create("alice", null);
		this.tokens.resolve(raw).block();
		int before = this.database.connections();

		PersonalAccessToken again = this.tokens.resolve(raw).block();

		assertThat(again.ownerId()).isEqualTo("alice");
		assertThat(this.database.connections()).isEqualTo(before);
	}

	@Test
	void revokeThroughTheCacheThenTheNextResolveFindsNothing() {
		String raw = create("alice", null);
		PersonalAccessToken token = this.tokens.resolve(raw).block();

		assertThat(this.tokens.revoke("alice", token.id()).block()).isTrue();

		this.tokens.resolve(raw).as(StepVerifier::create).verifyComplete();
	}

	@Test
	void revokeAllThroughTheCacheThenNoneResolves() {
		String first = create("alice", null);
		String second = create("alice", null);
		this.tokens.resolve(first).block();
		this.tokens.resolve(second).block();

		assertThat(this.tokens.revokeAll("alice").block()).isEqualTo(2);

		this.tokens.resolve(first).as(StepVerifier::create).verifyComplete();
		this.tokens.resolve(second).as(StepVerifier::create).verifyComplete();
	}

	@Test
	void keptTokenThatExpiresThenNoLongerAnswered() {
		MutableClock clock = new MutableClock(Instant.now());
		this.tokens.setClock(clock);
		String raw = create("alice", clock.instant().plusSeconds(30));
		assertThat(this.tokens.resolve(raw).block()).isNotNull();

		clock.advance(Duration.ofSeconds(31));

		this.tokens.resolve(raw).as(StepVerifier::create).verifyComplete();
	}

	@Test
	void malformedOrUnknownTokensThenNothingKept() {
		String raw = create("alice", null);
		String mistyped = raw.substring(0, 30) + ((raw.charAt(30) == 'a') ? 'b' : 'a') + raw.substring(31);
		int before = this.database.connections();

		this.tokens.resolve(mistyped).as(StepVerifier::create).verifyComplete();
		assertThat(this.database.connections()).as("malformed: not looked up").isEqualTo(before);

		String unknown = new PersonalAccessTokenCodec().generate();
		this.tokens.resolve(unknown).as(StepVerifier::create).verifyComplete();
		int afterFirst = this.database.connections();
		this.tokens.resolve(unknown).as(StepVerifier::create).verifyComplete();
		assertThat(this.database.connections()).as("unknown: looked up again, never kept").isGreaterThan(afterFirst);
	}

	@Test
	void forgetOwnerThenTheNextResolveAsksTheStore() {
		String raw = create("alice", null);
		this.tokens.resolve(raw).block();
		store().revokeAll("alice").block();
		assertThat(this.tokens.resolve(raw).block()).as("kept until told").isNotNull();

		this.tokens.forgetOwner("alice");

		this.tokens.resolve(raw).as(StepVerifier::create).verifyComplete();
	}

	@Test
	void revocationsThenTheListenerHearsWhatTheyRevoked() {
		List<PersonalAccessTokenChange> heard = new CopyOnWriteArrayList<>();
		this.tokens.setChangeListener(heard::add);
		String raw = create("alice", null);
		create("alice", null);
		PersonalAccessToken token = this.tokens.resolve(raw).block();

		this.tokens.revoke("alice", token.id()).block();
		this.tokens.revoke("alice", token.id()).block();
		this.tokens.revoke("bob", token.id()).block();
		this.tokens.revokeAll("alice").block();
		this.tokens.revokeAll("alice").block();

		assertThat(heard).containsExactly(PersonalAccessTokenChange.revoked("alice", token.id()),
				PersonalAccessTokenChange.allRevoked("alice"));
	}

	@Test
	void forgetAChangeMadeElsewhereThenTheNextResolveAsksTheStore() {
		String raw = create("alice", null);
		String other = create("alice", null);
		PersonalAccessToken token = this.tokens.resolve(raw).block();
		this.tokens.resolve(other).block();
		store().revoke("alice", token.id()).block();
		assertThat(this.tokens.resolve(raw).block()).as("kept until told").isNotNull();

		this.tokens.forget(PersonalAccessTokenChange.revoked("alice", token.id()));

		this.tokens.resolve(raw).as(StepVerifier::create).verifyComplete();
		int before = this.database.connections();
		assertThat(this.tokens.resolve(other).block()).isNotNull();
		assertThat(this.database.connections()).as("the other token still kept").isEqualTo(before);
	}

	@Test
	void forgetAllThenEveryTokenIsLookedUpAgain() {
		String first = create("alice", null);
		String second = create("bob", null);
		this.tokens.resolve(first).block();
		this.tokens.resolve(second).block();
		store().revokeAll("alice").block();
		store().revokeAll("bob").block();

		this.tokens.forgetAll();

		this.tokens.resolve(first).as(StepVerifier::create).verifyComplete();
		this.tokens.resolve(second).as(StepVerifier::create).verifyComplete();
	}

	private String create(String owner, Instant expiresAt) {
		return this.tokens.create(owner, "ci", List.of("reports:read"), expiresAt).block().rawToken();
	}

	private R2dbcPersonalAccessTokenService store() {
		return new R2dbcPersonalAccessTokenService(DatabaseClient.create(this.database),
				new R2dbcTransactionManager(this.database));
	}

	private static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
