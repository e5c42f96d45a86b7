package com.altscodex.spring.pat.r2dbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Row;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.util.Assert;

import com.altscodex.spring.client.AltsCodexException;
import com.altscodex.spring.client.FailureKind;
import com.altscodex.spring.pat.CreatedPersonalAccessToken;
import com.altscodex.spring.pat.PersonalAccessToken;
import com.altscodex.spring.pat.PersonalAccessTokenCodec;
import com.altscodex.spring.pat.ReactivePersonalAccessTokenService;
import com.altscodex.spring.pat.TokenLimitReachedException;
import com.altscodex.spring.rbac.InvalidNameException;
import com.altscodex.spring.rbac.Permission;

/**
 * A {@link ReactivePersonalAccessTokenService} that keeps tokens in a database over
 * R2DBC: H2, PostgreSQL or MariaDB, whose schema is at {@link #SCHEMA_LOCATION_PATTERN}.
 * Only a token's SHA-256 is kept ({@link PersonalAccessTokenCodec#hash}); a token is
 * looked up by it.
 * <p>
 * When a user may hold only so many live tokens ({@link #setMaxTokensPerOwner}), the
 * tokens of one owner are created one at a time: each creation locks the owner's row in
 * {@code altscodex_personal_access_token_owners} before it counts, so concurrent
 * requests, on this instance or others, never leave more live tokens than allowed.
 */
public final class R2dbcPersonalAccessTokenService implements ReactivePersonalAccessTokenService {

	/**
	 * Where the schema of each database is, {@code @@platform@@} standing for
	 * {@code h2}, {@code postgresql} or {@code mariadb}. Every statement may run again on
	 * a database that has the schema.
	 */
	public static final String SCHEMA_LOCATION_PATTERN =
			"classpath:com/altscodex/spring/pat/r2dbc/schema-@@platform@@.sql";

	private static final int MAX_OWNER_ID_LENGTH = 128;

	private static final String SCOPE_SEPARATOR = " ";

	private static final String INSERT_OWNER_POSTGRESQL = """
			INSERT INTO altscodex_personal_access_token_owners (owner_id) VALUES (:ownerId) ON CONFLICT DO NOTHING""";

	private static final String INSERT_OWNER_H2 = """
			MERGE INTO altscodex_personal_access_token_owners (owner_id) KEY (owner_id) VALUES (:ownerId)""";

	private static final String INSERT_OWNER_MARIADB = """
			INSERT IGNORE INTO altscodex_personal_access_token_owners (owner_id) VALUES (:ownerId)""";

	private static final String LOCK_OWNER = """
			SELECT owner_id FROM altscodex_personal_access_token_owners WHERE owner_id = :ownerId FOR UPDATE""";

	private static final String COUNT_LIVE_TOKENS = """
			SELECT COUNT(*) FROM altscodex_personal_access_tokens
			WHERE owner_id = :ownerId AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now)""";

	private static final String INSERT_TOKEN = """
			INSERT INTO altscodex_personal_access_tokens
			(id, owner_id, name, token_hash, scopes, created_at, expires_at, last_used_at, revoked_at)
			VALUES (:id, :ownerId, :name, :tokenHash, :scopes, :createdAt, :expiresAt, NULL, NULL)""";

	private static final String FIND_LIVE_TOKENS = """
			SELECT id, owner_id, name, scopes, created_at, expires_at, last_used_at, revoked_at
			FROM altscodex_personal_access_tokens
			WHERE owner_id = :ownerId AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now)
			ORDER BY created_at DESC, id DESC""";

	private static final String FIND_BY_HASH = """
			SELECT id, owner_id, name, scopes, created_at, expires_at, last_used_at, revoked_at
			FROM altscodex_personal_access_tokens WHERE token_hash = :tokenHash""";

	private static final String REVOKE = """
			UPDATE altscodex_personal_access_tokens SET revoked_at = :now
			WHERE id = :id AND owner_id = :ownerId AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now)""";

	private static final String REVOKE_ALL = """
			UPDATE altscodex_personal_access_tokens SET revoked_at = :now
			WHERE owner_id = :ownerId AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now)""";

	// the condition keeps concurrent uses of one token to one write per interval
	private static final String TOUCH = """
			UPDATE altscodex_personal_access_tokens SET last_used_at = :now
			WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :threshold)""";

	private final DatabaseClient databaseClient;

	private final TransactionalOperator transactionalOperator;

	private final Dialect dialect;

	private Clock clock = Clock.systemUTC();

	private PersonalAccessTokenCodec codec = new PersonalAccessTokenCodec();

	private int maxTokensPerOwner;

	private Duration lastUsedInterval = Duration.ofMinutes(1);

	/**
	 * Creates the store.
	 * @param databaseClient the client of an H2, PostgreSQL or MariaDB database
	 * @param transactionManager the transaction manager of the same connection factory
	 * @throws IllegalStateException if the database is of another kind
	 */
	public R2dbcPersonalAccessTokenService(DatabaseClient databaseClient,
			ReactiveTransactionManager transactionManager) {
		Assert.notNull(databaseClient, "databaseClient cannot be null");
		Assert.notNull(transactionManager, "transactionManager cannot be null");
		this.databaseClient = databaseClient;
		this.dialect = Dialect.of(databaseClient.getConnectionFactory());
		DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
		// the count after the owner's lock must see the tokens its last holder committed:
		// under REPEATABLE READ (MariaDB's default) that holds only while no plain read
		// comes before the lock
		definition.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		this.transactionalOperator = TransactionalOperator.create(transactionManager, definition);
	}

	/**
	 * Sets the clock that dates tokens and tells whether they have expired. Defaults to
	 * the system clock in UTC.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock cannot be null");
		this.clock = clock;
	}

	/**
	 * Sets the codec that makes new tokens. Defaults to one drawing from a new
	 * {@link java.security.SecureRandom}.
	 * @param codec the codec
	 */
	public void setCodec(PersonalAccessTokenCodec codec) {
		Assert.notNull(codec, "codec cannot be null");
		this.codec = codec;
	}

	/**
	 * Sets how many live tokens a user may hold. Defaults to {@code 0}: no limit.
	 * @param maxTokensPerOwner the most live tokens, or {@code 0} for no limit
	 */
	public void setMaxTokensPerOwner(int maxTokensPerOwner) {
		Assert.isTrue(maxTokensPerOwner >= 0, "maxTokensPerOwner cannot be negative");
		this.maxTokensPerOwner = maxTokensPerOwner;
	}

	/**
	 * Sets how long after noting a token's use the next use is noted again: a token used
	 * many times a second is written at most once an interval. Defaults to one minute.
	 * @param lastUsedInterval the interval
	 */
	public void setLastUsedInterval(Duration lastUsedInterval) {
		Assert.notNull(lastUsedInterval, "lastUsedInterval cannot be null");
		Assert.isTrue(!lastUsedInterval.isNegative(), "lastUsedInterval cannot be negative");
		this.lastUsedInterval = lastUsedInterval;
	}

	@Override
	public Mono<CreatedPersonalAccessToken> create(String ownerId, String name, Collection<String> scopes,
			@Nullable Instant expiresAt) {
		return Mono.defer(() -> {
			checkOwnerId(ownerId);
			PersonalAccessToken.checkName(name);
			List<String> checkedScopes = checkScopes(scopes);
			Instant now = now();
			Instant expires = (expiresAt != null) ? expiresAt.truncatedTo(ChronoUnit.MICROS) : null;
			if (expires != null && !expires.isAfter(now)) {
				return Mono.error(new AltsCodexException(FailureKind.INVALID_REQUEST,
						"A token's expiry must be in the future", null));
			}
			// SecureRandom reads the system's entropy source, a blocking read: off the caller's thread
			return Mono.fromCallable(() -> new Secret(this.codec.generate(), UUID.randomUUID().toString()))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap((secret) -> {
					PersonalAccessToken token = new PersonalAccessToken(secret.id(), ownerId, name, checkedScopes, now,
							expires, null, null);
					return insert(token, secret.rawToken())
						.thenReturn(new CreatedPersonalAccessToken(token, secret.rawToken()));
				});
		});
	}

	@Override
	public Flux<PersonalAccessToken> findLiveTokens(String ownerId) {
		return Flux.defer(() -> {
			checkOwnerId(ownerId);
			return this.databaseClient.sql(FIND_LIVE_TOKENS)
				.bind("ownerId", ownerId)
				.bind("now", this.dialect.toDatabase(now()))
				.map((row, metadata) -> toToken(row))
				.all();
		});
	}

	@Override
	public Mono<Boolean> revoke(String ownerId, String tokenId) {
		return Mono.defer(() -> {
			checkOwnerId(ownerId);
			Assert.notNull(tokenId, "tokenId cannot be null");
			return this.databaseClient.sql(REVOKE)
				.bind("id", tokenId)
				.bind("ownerId", ownerId)
				.bind("now", this.dialect.toDatabase(now()))
				.fetch()
				.rowsUpdated()
				.map((revoked) -> revoked == 1);
		});
	}

	@Override
	public Mono<Long> revokeAll(String ownerId) {
		return Mono.defer(() -> {
			checkOwnerId(ownerId);
			return this.databaseClient.sql(REVOKE_ALL)
				.bind("ownerId", ownerId)
				.bind("now", this.dialect.toDatabase(now()))
				.fetch()
				.rowsUpdated();
		});
	}

	@Override
	public Mono<PersonalAccessToken> resolve(String rawToken) {
		// a mistyped or forged token costs no connection: the checksum refuses it here
		if (!PersonalAccessTokenCodec.isWellFormed(rawToken)) {
			return Mono.empty();
		}
		return Mono.defer(() -> {
			Instant now = now();
			return this.databaseClient.sql(FIND_BY_HASH)
				.bind("tokenHash", PersonalAccessTokenCodec.hash(rawToken))
				.map((row, metadata) -> toToken(row))
				.first()
				.filter((token) -> token.isLive(now))
				.flatMap((token) -> noteUse(token, now));
		});
	}

	private Mono<Void> insert(PersonalAccessToken token, String rawToken) {
		Mono<Void> insert = bindInstant(this.databaseClient.sql(INSERT_TOKEN), "expiresAt", token.expiresAt())
			.bind("id", token.id())
			.bind("ownerId", token.ownerId())
			.bind("name", token.name())
			.bind("tokenHash", PersonalAccessTokenCodec.hash(rawToken))
			.bind("scopes", String.join(SCOPE_SEPARATOR, token.scopes()))
			.bind("createdAt", this.dialect.toDatabase(token.createdAt()))
			.then();
		int max = this.maxTokensPerOwner;
		if (max == 0) {
			return insert;
		}
		return insertOwner(token.ownerId()).then(lockOwner(token.ownerId())
			.then(countLiveTokens(token.ownerId(), token.createdAt()))
			.flatMap((live) -> (live >= max) ? Mono.error(new TokenLimitReachedException(max)) : insert)
			.as(this.transactionalOperator::transactional));
	}

	private Mono<PersonalAccessToken> noteUse(PersonalAccessToken token, Instant now) {
		Instant threshold = now.minus(this.lastUsedInterval);
		if (token.lastUsedAt() != null && !token.lastUsedAt().isBefore(threshold)) {
			return Mono.just(token);
		}
		return this.databaseClient.sql(TOUCH)
			.bind("id", token.id())
			.bind("now", this.dialect.toDatabase(now))
			.bind("threshold", this.dialect.toDatabase(threshold))
			.then()
			.thenReturn(new PersonalAccessToken(token.id(), token.ownerId(), token.name(), token.scopes(),
					token.createdAt(), token.expiresAt(), now, token.revokedAt()));
	}

	private Mono<Void> insertOwner(String ownerId) {
		return this.databaseClient.sql(this.dialect.insertOwner())
			.bind("ownerId", ownerId)
			.then()
			// H2's MERGE may race another one that inserts the same row: the row is there
			.onErrorResume(DuplicateKeyException.class, (ex) -> Mono.empty());
	}

	private Mono<Void> lockOwner(String ownerId) {
		return this.databaseClient.sql(LOCK_OWNER)
			.bind("ownerId", ownerId)
			.map((row, metadata) -> Boolean.TRUE)
			.first()
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("The token owner's row is missing")))
			.then();
	}

	private Mono<Long> countLiveTokens(String ownerId, Instant now) {
		return this.databaseClient.sql(COUNT_LIVE_TOKENS)
			.bind("ownerId", ownerId)
			.bind("now", this.dialect.toDatabase(now))
			.map((row, metadata) -> row.get(0, Long.class))
			.one();
	}

	private PersonalAccessToken toToken(Row row) {
		String scopes = text(row, "scopes");
		return new PersonalAccessToken(text(row, "id"), text(row, "owner_id"), text(row, "name"),
				List.of(scopes.split(SCOPE_SEPARATOR)), required(row, "created_at"),
				this.dialect.fromDatabase(row, "expires_at"), this.dialect.fromDatabase(row, "last_used_at"),
				this.dialect.fromDatabase(row, "revoked_at"));
	}

	private Instant required(Row row, String column) {
		Instant value = this.dialect.fromDatabase(row, column);
		Assert.state(value != null, () -> "Column '" + column + "' is null");
		return value;
	}

	private DatabaseClient.GenericExecuteSpec bindInstant(DatabaseClient.GenericExecuteSpec spec, String name,
			@Nullable Instant value) {
		return (value != null) ? spec.bind(name, this.dialect.toDatabase(value))
				: spec.bindNull(name, this.dialect.timeType());
	}

	private Instant now() {
		// the databases keep microseconds: what is answered is what is read back
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static String text(Row row, String column) {
		String value = row.get(column, String.class);
		Assert.state(value != null, () -> "Column '" + column + "' is null");
		return value;
	}

	private static void checkOwnerId(@Nullable String ownerId) {
		if (ownerId == null || ownerId.isEmpty() || ownerId.length() > MAX_OWNER_ID_LENGTH) {
			throw new InvalidNameException("owner id", ownerId);
		}
	}

	private static List<String> checkScopes(@Nullable Collection<String> scopes) {
		if (scopes == null || scopes.isEmpty() || scopes.size() > PersonalAccessToken.MAX_SCOPES) {
			throw new AltsCodexException(FailureKind.INVALID_REQUEST,
					"A token carries 1 to " + PersonalAccessToken.MAX_SCOPES + " scopes", null);
		}
		Set<String> seen = new HashSet<>();
		for (String scope : scopes) {
			// a permission has no space, so the scopes can be kept joined by one
			if (!Permission.isValid(scope)) {
				throw new InvalidNameException("permission", scope);
			}
			if (!seen.add(scope)) {
				throw new AltsCodexException(FailureKind.INVALID_REQUEST, "Scope '" + scope + "' is given twice",
						null);
			}
		}
		return List.copyOf(scopes);
	}

	/**
	 * A new token's secret and id.
	 */
	private record Secret(String rawToken, String id) {

		@Override
		public String toString() {
			return "Secret[id=" + this.id + "]";
		}

	}

	/**
	 * What differs between the databases: how the owner's row is inserted when absent,
	 * and how an instant is kept: H2 and PostgreSQL in a {@code TIMESTAMP WITH TIME ZONE},
	 * MariaDB, which has none, in a {@code DATETIME(6)} holding UTC.
	 */
	private enum Dialect {

		H2(INSERT_OWNER_H2), POSTGRESQL(INSERT_OWNER_POSTGRESQL), MARIADB(INSERT_OWNER_MARIADB);

		private final String insertOwner;

		Dialect(String insertOwner) {
			this.insertOwner = insertOwner;
		}

		static Dialect of(ConnectionFactory connectionFactory) {
			String name = connectionFactory.getMetadata().getName();
			return switch (name.toLowerCase(Locale.ROOT)) {
				case "h2" -> H2;
				case "postgresql" -> POSTGRESQL;
				case "mariadb" -> MARIADB;
				default -> throw new IllegalStateException(
						"Personal access tokens can be kept in H2, PostgreSQL or MariaDB, not in " + name);
			};
		}

		String insertOwner() {
			return this.insertOwner;
		}

		Object toDatabase(Instant instant) {
			return (this == MARIADB) ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC)
					: instant.atOffset(ZoneOffset.UTC);
		}

		Class<?> timeType() {
			return (this == MARIADB) ? LocalDateTime.class : OffsetDateTime.class;
		}

		@Nullable Instant fromDatabase(Row row, String column) {
			if (this == MARIADB) {
				LocalDateTime value = row.get(column, LocalDateTime.class);
				return (value != null) ? value.toInstant(ZoneOffset.UTC) : null;
			}
			OffsetDateTime value = row.get(column, OffsetDateTime.class);
			return (value != null) ? value.toInstant() : null;
		}

	}

}
