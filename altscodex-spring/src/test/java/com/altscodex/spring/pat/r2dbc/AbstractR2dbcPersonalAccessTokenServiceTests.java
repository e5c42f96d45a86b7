package com.altscodex.spring.pat.r2dbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;

import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;

import com.altscodex.spring.client.AltsCodexException;
import com.altscodex.spring.client.FailureKind;
import com.altscodex.spring.pat.CreatedPersonalAccessToken;
import com.altscodex.spring.pat.PersonalAccessToken;
import com.altscodex.spring.pat.PersonalAccessTokenCodec;
import com.altscodex.spring.pat.TokenLimitReachedException;
import com.altscodex.spring.rbac.InvalidNameException;
import com.altscodex.spring.testsupport.r2dbc.CountingConnectionFactory;
import com.altscodex.spring.testsupport.r2dbc.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link R2dbcPersonalAccessTokenService} does on every database it supports; a
 * subclass names the database.
 */
abstract class AbstractR2dbcPersonalAccessTokenServiceTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Instant NOW = Instant.parse("2026-12-01T10:15:30.123456Z");

	private static final List<String> SCOPES = List.of("reports:read", "reports:*");

	private ConnectionFactory connectionFactory;

	private DatabaseClient databaseClient;

	private R2dbcPersonalAccessTokenService tokens;

	/**
	 * The database's platform, as in
	 * {@link R2dbcPersonalAccessTokenService#SCHEMA_LOCATION_PATTERN}.
	 */
	abstract String platform();

	/**
	 * The database, the same for every test of a class.
	 */
	abstract ConnectionFactory connectionFactory();

	@BeforeEach
	void setUp() {
		this.connectionFactory = connectionFactory();
		TestDatabases.applySchemaOnce(this.connectionFactory, R2dbcPersonalAccessTokenService.SCHEMA_LOCATION_PATTERN,
				platform());
		TestDatabases.deleteAll(this.connectionFactory, "altscodex_personal_access_tokens",
				"altscodex_personal_access_token_owners");
		this.databaseClient = DatabaseClient.create(this.connectionFactory);
		this.tokens = newService(this.connectionFactory);
	}

	@Test
	void schemaWhenAppliedAgainThenSucceeds() {
		TestDatabases.applySchema(this.connectionFactory, R2dbcPersonalAccessTokenService.SCHEMA_LOCATION_PATTERN,
				platform());
		TestDatabases.applySchema(this.connectionFactory, R2dbcPersonalAccessTokenService.SCHEMA_LOCATION_PATTERN,
				platform());
		create("alice", "ci");
	}

	@Test
	void createThenWellFormedRawTokenAndItsDescription() {
		Instant expiresAt = NOW.plus(Duration.ofDays(30));
		this.tokens.create("alice", "CI – nightly build", SCOPES, expiresAt)
			.as(StepVerifier::create)
			.assertNext((created) -> {
				assertThat(PersonalAccessTokenCodec.isWellFormed(created.rawToken())).isTrue();
				PersonalAccessToken token = created.token();
				assertThat(UUID.fromString(token.id())).hasToString(token.id());
				assertThat(token.ownerId()).isEqualTo("alice");
				assertThat(token.name()).isEqualTo("CI – nightly build");
				assertThat(token.scopes()).containsExactlyElementsOf(SCOPES);
				assertThat(token.createdAt()).isEqualTo(NOW);
				assertThat(token.expiresAt()).isEqualTo(expiresAt);
				assertThat(token.lastUsedAt()).isNull();
				assertThat(token.revokedAt()).isNull();
			})
			.verifyComplete();
	}

	@Test
	void createThenFoundAsStored() {
		CreatedPersonalAccessToken created = this.tokens
			.create("alice", "ci", SCOPES, NOW.plus(Duration.ofDays(30)))
			.block(TIMEOUT);
		this.tokens.findLiveTokens("alice").as(StepVerifier::create).expectNext(created.token()).verifyComplete();
	}

	@Test
	void createThenOnlyTheTokensHashIsStored() {
		CreatedPersonalAccessToken created = create("alice", "ci");
		List<Map<String, Object>> rows = this.databaseClient.sql("SELECT * FROM altscodex_personal_access_tokens")
			.fetch()
			.all()
			.collectList()
			.block(TIMEOUT);
		assertThat(rows).hasSize(1);
		Map<String, Object> row = rows.get(0);
		assertThat(row.values()).filteredOn(Objects::nonNull)
			.extracting(Object::toString)
			.noneMatch((value) -> value.contains(created.rawToken()))
			.noneMatch((value) -> value.contains(created.rawToken().substring(PersonalAccessTokenCodec.PREFIX.length())));
		assertThat(column(row, "token_hash")).isEqualTo(PersonalAccessTokenCodec.hash(created.rawToken()));
		assertThat(column(row, "scopes")).isEqualTo("reports:read reports:*");
	}

	@Test
	void createWhenNameInvalidThenInvalidName() {
		for (String name : new String[] { "", "   ", "n".repeat(PersonalAccessToken.MAX_NAME_LENGTH + 1), "tab\tname",
				"<b>\u0000</b>" }) {
			this.tokens.create("alice", name, SCOPES, null)
				.as(StepVerifier::create)
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidNameException.class)
					.hasMessageContaining("token name"))
				.verify(TIMEOUT);
		}
		assertThat(rowCount()).isZero();
	}

	@Test
	void createWhenOwnerIdInvalidThenInvalidName() {
		for (String ownerId : new String[] { "", "o".repeat(129) }) {
			this.tokens.create(ownerId, "ci", SCOPES, null)
				.as(StepVerifier::create)
				.expectError(InvalidNameException.class)
				.verify(TIMEOUT);
		}
	}

	@Test
	void createWhenScopesNoneOrTooManyOrRepeatedThenInvalidRequest() {
		List<String> tooMany = IntStream.rangeClosed(0, PersonalAccessToken.MAX_SCOPES)
			.mapToObj((i) -> "scope:" + i)
			.toList();
		for (Collection<String> scopes : List.of(List.<String>of(), tooMany,
				List.of("reports:read", "reports:read"))) {
			this.tokens.create("alice", "ci", scopes, null)
				.as(StepVerifier::create)
				.expectErrorSatisfies((ex) -> assertThat(ex).isExactlyInstanceOf(AltsCodexException.class)
					.extracting((e) -> ((AltsCodexException) e).getKind())
					.isEqualTo(FailureKind.INVALID_REQUEST))
				.verify(TIMEOUT);
		}
		this.tokens.create("alice", "ci", tooMany.subList(0, PersonalAccessToken.MAX_SCOPES), null)
			.as(StepVerifier::create)
			.assertNext((created) -> assertThat(created.token().scopes()).hasSize(PersonalAccessToken.MAX_SCOPES))
			.verifyComplete();
	}

	@Test
	void createWhenScopeIsNoPermissionThenInvalidName() {
		for (String scope : new String[] { "Reports:Read", "reports read", "", "reports::read" }) {
			this.tokens.create("alice", "ci", List.of("reports:list", scope), null)
				.as(StepVerifier::create)
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidNameException.class)
					.hasMessageContaining("permission"))
				.verify(TIMEOUT);
		}
		assertThat(rowCount()).isZero();
	}

	@Test
	void createWhenExpiryNotInFutureThenInvalidRequest() {
		for (Instant expiresAt : new Instant[] { NOW, NOW.minusSeconds(1) }) {
			this.tokens.create("alice", "ci", SCOPES, expiresAt)
				.as(StepVerifier::create)
				.expectErrorSatisfies((ex) -> assertThat(((AltsCodexException) ex).getKind())
					.isEqualTo(FailureKind.INVALID_REQUEST))
				.verify(TIMEOUT);
		}
		assertThat(rowCount()).isZero();
	}

	@Test
	void findLiveTokensThenNewestFirstWithoutRevokedExpiredOrOthers() {
		CreatedPersonalAccessToken first = create("alice", "first");
		at(NOW.plusSeconds(1));
		CreatedPersonalAccessToken expiring = this.tokens.create("alice", "expiring", SCOPES, NOW.plusSeconds(3600))
			.block(TIMEOUT);
		at(NOW.plusSeconds(2));
		CreatedPersonalAccessToken revoked = create("alice", "revoked");
		at(NOW.plusSeconds(3));
		CreatedPersonalAccessToken latest = create("alice", "latest");
		create("bob", "bob's");
		this.tokens.revoke("alice", revoked.token().id()).block(TIMEOUT);
		this.tokens.findLiveTokens("alice")
			.map((token) -> token.name())
			.as(StepVerifier::create)
			.expectNext("latest", "expiring", "first")
			.verifyComplete();
		at(NOW.plusSeconds(3600));
		this.tokens.findLiveTokens("alice")
			.as(StepVerifier::create)
			.expectNext(latest.token(), first.token())
			.verifyComplete();
		assertThat(expiring.token().expiresAt()).isEqualTo(NOW.plusSeconds(3600));
	}

	@Test
	void findLiveTokensWhenNoneThenEmpty() {
		this.tokens.findLiveTokens("alice").as(StepVerifier::create).verifyComplete();
	}

	@Test
	void resolveWhenLiveThenTokenWithItsUseNoted() {
		CreatedPersonalAccessToken created = create("alice", "ci");
		at(NOW.plusSeconds(5));
		this.tokens.resolve(created.rawToken())
			.as(StepVerifier::create)
			.assertNext((token) -> {
				assertThat(token.id()).isEqualTo(created.token().id());
				assertThat(token.ownerId()).isEqualTo("alice");
				assertThat(token.scopes()).containsExactlyElementsOf(SCOPES);
				assertThat(token.lastUsedAt()).isEqualTo(NOW.plusSeconds(5));
			})
			.verifyComplete();
		assertThat(storedLastUsedAt(created)).isEqualTo(NOW.plusSeconds(5));
	}

	@Test
	void resolveWhenWellFormedButUnknownThenEmpty() {
		create("alice", "ci");
		this.tokens.resolve(new PersonalAccessTokenCodec().generate()).as(StepVerifier::create).verifyComplete();
	}

	@Test
	void resolveWhenExpiredThenEmpty() {
		CreatedPersonalAccessToken created = this.tokens.create("alice", "ci", SCOPES, NOW.plusSeconds(60))
			.block(TIMEOUT);
		at(NOW.plusSeconds(59));
		this.tokens.resolve(created.rawToken()).as(StepVerifier::create).expectNextCount(1).verifyComplete();
		at(NOW.plusSeconds(60));
		this.tokens.resolve(created.rawToken()).as(StepVerifier::create).verifyComplete();
	}

	@Test
	void resolveWhenRevokedThenEmpty() {
		CreatedPersonalAccessToken created = create("alice", "ci");
		this.tokens.revoke("alice", created.token().id()).as(StepVerifier::create).expectNext(true).verifyComplete();
		this.tokens.resolve(created.rawToken()).as(StepVerifier::create).verifyComplete();
	}

	@Test
	void resolveThenUseNotedAtMostOncePerInterval() {
		CreatedPersonalAccessToken created = create("alice", "ci");
		this.tokens.resolve(created.rawToken()).block(TIMEOUT);
		assertThat(storedLastUsedAt(created)).isEqualTo(NOW);
		at(NOW.plusSeconds(59));
		this.tokens.resolve(created.rawToken())
			.as(StepVerifier::create)
			.assertNext((token) -> assertThat(token.lastUsedAt()).isEqualTo(NOW))
			.verifyComplete();
		assertThat(storedLastUsedAt(created)).isEqualTo(NOW);
		at(NOW.plusSeconds(61));
		this.tokens.resolve(created.rawToken())
			.as(StepVerifier::create)
			.assertNext((token) -> assertThat(token.lastUsedAt()).isEqualTo(NOW.plusSeconds(61)))
			.verifyComplete();
		assertThat(storedLastUsedAt(created)).isEqualTo(NOW.plusSeconds(61));
	}

	@Test
	void resolveWhenIntervalSetThenHonoured() {
		this.tokens.setLastUsedInterval(Duration.ofHours(1));
		CreatedPersonalAccessToken created = create("alice", "ci");
		this.tokens.resolve(created.rawToken()).block(TIMEOUT);
		at(NOW.plusSeconds(3599));
		this.tokens.resolve(created.rawToken()).block(TIMEOUT);
		assertThat(storedLastUsedAt(created)).isEqualTo(NOW);
		at(NOW.plusSeconds(3601));
		this.tokens.resolve(created.rawToken()).block(TIMEOUT);
		assertThat(storedLastUsedAt(created)).isEqualTo(NOW.plusSeconds(3601));
	}

	@Test
	void resolveWhenMalformedThenEmptyWithoutAskingTheDatabase() {
		CreatedPersonalAccessToken created = create("alice", "ci");
		String raw = created.rawToken();
		CountingConnectionFactory counting = new CountingConnectionFactory(this.connectionFactory);
		R2dbcPersonalAccessTokenService service = newService(counting);
		int last = raw.length() - 1;
		List<String> malformed = new ArrayList<>();
		// one character mistyped, in the random part and in the checksum
		malformed.add(raw.substring(0, 20) + swap(raw.charAt(20)) + raw.substring(21));
		malformed.add(raw.substring(0, last) + swap(raw.charAt(last)));
		// two neighbours transposed: two that differ, or the token would stay the same
		int at = 30;
		while (raw.charAt(at) == raw.charAt(at + 1)) {
			at++;
		}
		malformed.add(raw.substring(0, at) + raw.charAt(at + 1) + raw.charAt(at) + raw.substring(at + 2));
		malformed.add(raw.substring(0, last));
		malformed.add(raw + "A");
		malformed.add("ghp_" + raw.substring(PersonalAccessTokenCodec.PREFIX.length()));
		malformed.add(raw.toUpperCase());
		malformed.add("");
		malformed.add(" " + raw.substring(1));
		for (String token : malformed) {
			assertThat(PersonalAccessTokenCodec.isWellFormed(token)).as(token).isFalse();
			service.resolve(token).as(StepVerifier::create).verifyComplete();
		}
		assertThat(counting.connections()).isZero();
		service.resolve(raw).as(StepVerifier::create).expectNextCount(1).verifyComplete();
		assertThat(counting.connections()).isPositive();
	}

	@Test
	void resolveWhenWellFormedButUnknownThenAsksTheDatabase() {
		CountingConnectionFactory counting = new CountingConnectionFactory(this.connectionFactory);
		newService(counting).resolve(new PersonalAccessTokenCodec().generate())
			.as(StepVerifier::create)
			.verifyComplete();
		assertThat(counting.connections()).isEqualTo(1);
	}

	@Test
	void revokeThenTokenNoLongerResolvesOrListed() {
		CreatedPersonalAccessToken created = create("alice", "ci");
		at(NOW.plusSeconds(10));
		this.tokens.revoke("alice", created.token().id()).as(StepVerifier::create).expectNext(true).verifyComplete();
		this.tokens.findLiveTokens("alice").as(StepVerifier::create).verifyComplete();
		Instant revokedAt = this.databaseClient
			.sql("SELECT revoked_at FROM altscodex_personal_access_tokens WHERE id = :id")
			.bind("id", created.token().id())
			.map((row) -> Objects.requireNonNull(row.get(0)))
			.one()
			.map(AbstractR2dbcPersonalAccessTokenServiceTests::toInstant)
			.block(TIMEOUT);
		assertThat(revokedAt).isEqualTo(NOW.plusSeconds(10));
	}

	@Test
	void revokeWhenRevokedThenFalse() {
		CreatedPersonalAccessToken created = create("alice", "ci");
		this.tokens.revoke("alice", created.token().id()).as(StepVerifier::create).expectNext(true).verifyComplete();
		this.tokens.revoke("alice", created.token().id()).as(StepVerifier::create).expectNext(false).verifyComplete();
	}

	@Test
	void revokeWhenAnotherOwnersTokenThenFalseAndTokenStillWorks() {
		CreatedPersonalAccessToken created = create("alice", "ci");
		this.tokens.revoke("mallory", created.token().id())
			.as(StepVerifier::create)
			.expectNext(false)
			.verifyComplete();
		this.tokens.resolve(created.rawToken()).as(StepVerifier::create).expectNextCount(1).verifyComplete();
		this.tokens.findLiveTokens("alice").as(StepVerifier::create).expectNextCount(1).verifyComplete();
	}

	@Test
	void revokeWhenUnknownIdThenFalse() {
		create("alice", "ci");
		this.tokens.revoke("alice", UUID.randomUUID().toString())
			.as(StepVerifier::create)
			.expectNext(false)
			.verifyComplete();
		this.tokens.revoke("alice", "not an id").as(StepVerifier::create).expectNext(false).verifyComplete();
	}

	@Test
	void revokeAllThenCountOfLiveTokensRevoked() {
		CreatedPersonalAccessToken first = create("alice", "first");
		CreatedPersonalAccessToken second = create("alice", "second");
		create("alice", "third");
		CreatedPersonalAccessToken revoked = create("alice", "revoked");
		this.tokens.revoke("alice", revoked.token().id()).block(TIMEOUT);
		this.tokens.create("alice", "expired", SCOPES, NOW.plusSeconds(1)).block(TIMEOUT);
		CreatedPersonalAccessToken bobs = create("bob", "bob's");
		at(NOW.plusSeconds(2));
		this.tokens.revokeAll("alice").as(StepVerifier::create).expectNext(3L).verifyComplete();
		this.tokens.resolve(first.rawToken()).as(StepVerifier::create).verifyComplete();
		this.tokens.resolve(second.rawToken()).as(StepVerifier::create).verifyComplete();
		this.tokens.findLiveTokens("alice").as(StepVerifier::create).verifyComplete();
		this.tokens.resolve(bobs.rawToken()).as(StepVerifier::create).expectNextCount(1).verifyComplete();
		this.tokens.revokeAll("alice").as(StepVerifier::create).expectNext(0L).verifyComplete();
	}

	@Test
	void createWhenLimitReachedThenTokenLimitReached() {
		this.tokens.setMaxTokensPerOwner(2);
		CreatedPersonalAccessToken first = create("alice", "first");
		this.tokens.create("alice", "expiring", SCOPES, NOW.plusSeconds(10)).block(TIMEOUT);
		this.tokens.create("alice", "third", SCOPES, null)
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(TokenLimitReachedException.class)
				.hasMessageContaining("2")
				.extracting((e) -> ((TokenLimitReachedException) e).getKind())
				.isEqualTo(FailureKind.TOKEN_LIMIT_REACHED))
			.verify(TIMEOUT);
		create("bob", "bob's");
		this.tokens.revoke("alice", first.token().id()).block(TIMEOUT);
		create("alice", "after a revocation");
		at(NOW.plusSeconds(10));
		create("alice", "after an expiry");
		this.tokens.create("alice", "one too many", SCOPES, null)
			.as(StepVerifier::create)
			.expectError(TokenLimitReachedException.class)
			.verify(TIMEOUT);
		this.tokens.findLiveTokens("alice").as(StepVerifier::create).expectNextCount(2).verifyComplete();
	}

	@Test
	void createWhenFiftyAtOnceThenLimitHolds() {
		this.tokens.setMaxTokensPerOwner(5);
		Flux.range(0, 50)
			.flatMap((i) -> this.tokens.create("alice", "token " + i, SCOPES, null)
				.onErrorResume(TokenLimitReachedException.class, (ex) -> Mono.empty()), 50)
			.collectList()
			.as(StepVerifier::create)
			.assertNext((created) -> assertThat(created).hasSize(5))
			.verifyComplete();
		this.tokens.findLiveTokens("alice").as(StepVerifier::create).expectNextCount(5).verifyComplete();
		assertThat(rowCount()).isEqualTo(5);
	}

	@Test
	void createWhenNoLimitThenManyTokens() {
		Flux.range(0, 20)
			.flatMap((i) -> this.tokens.create("alice", "token " + i, SCOPES, null), 20)
			.as(StepVerifier::create)
			.expectNextCount(20)
			.verifyComplete();
		assertThat(rowCount()).isEqualTo(20);
	}

	@Test
	void toStringThenNoRawToken() {
		this.tokens.setMaxTokensPerOwner(1);
		CreatedPersonalAccessToken created = create("alice", "ci");
		String raw = created.rawToken();
		assertThat(created.toString()).doesNotContain(raw).doesNotContain(raw.substring(20, 40));
		assertThat(created.token().toString()).doesNotContain(raw.substring(20, 40));
		this.tokens.create("alice", "second", SCOPES, null)
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(TokenLimitReachedException.class)
				.asString()
				.doesNotContain(raw.substring(20, 40)))
			.verify(TIMEOUT);
	}

	R2dbcPersonalAccessTokenService newService(ConnectionFactory connectionFactory) {
		R2dbcPersonalAccessTokenService service = new R2dbcPersonalAccessTokenService(
				DatabaseClient.create(connectionFactory), new R2dbcTransactionManager(connectionFactory));
		service.setClock(Clock.fixed(NOW, ZoneOffset.UTC));
		return service;
	}

	private CreatedPersonalAccessToken create(String ownerId, String name) {
		return this.tokens.create(ownerId, name, SCOPES, null).block(TIMEOUT);
	}

	private void at(Instant instant) {
		this.tokens.setClock(Clock.fixed(instant, ZoneOffset.UTC));
	}

	private long rowCount() {
		return this.databaseClient.sql("SELECT COUNT(*) FROM altscodex_personal_access_tokens")
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(TIMEOUT);
	}

	private Instant storedLastUsedAt(CreatedPersonalAccessToken created) {
		return this.databaseClient.sql("SELECT last_used_at FROM altscodex_personal_access_tokens WHERE id = :id")
			.bind("id", created.token().id())
			.map((row) -> Objects.requireNonNull(row.get(0)))
			.one()
			.map(AbstractR2dbcPersonalAccessTokenServiceTests::toInstant)
			.block(TIMEOUT);
	}

	private static Object column(Map<String, Object> row, String name) {
		// H2 answers column names in upper case
		return row.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElseThrow();
	}

	private static Instant toInstant(Object value) {
		if (value instanceof java.time.OffsetDateTime time) {
			return time.toInstant();
		}
		if (value instanceof java.time.LocalDateTime time) {
			return time.toInstant(ZoneOffset.UTC);
		}
		if (value instanceof Instant instant) {
			return instant;
		}
		throw new IllegalStateException("Not a time: " + value.getClass());
	}

	private static char swap(char c) {
		return (c == 'a') ? 'b' : 'a';
	}

}
