package com.altscodex.spring.testsupport.r2dbc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.ValidationDepth;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.r2dbc.connection.init.ResourceDatabasePopulator;

/**
 * The databases the R2DBC stores are tested on: H2 in memory, and the PostgreSQL and
 * MariaDB servers of the machine, each with a database {@code test} ({@code postgres}
 * and {@code root}, no password). A server that cannot be reached skips the tests that
 * need it, loudly, except on CI ({@code CI=true}), where it fails them: a green CI run has
 * run them all. {@code ALTSCODEX_TEST_POSTGRESQL_URL} and
 * {@code ALTSCODEX_TEST_MARIADB_URL} point elsewhere. Where no local server answers, no
 * such URL is set and a Docker engine runs (a developer's laptop), the server is started
 * in a container with Testcontainers instead.
 * <p>
 * Call these from a test or a {@code @BeforeAll}/{@code @BeforeEach} method, where a
 * skip is a skip; they block, so never on a non-blocking thread.
 */
public final class TestDatabases {

	/** H2, in memory. */
	public static final String H2 = "h2";

	/** PostgreSQL. */
	public static final String POSTGRESQL = "postgresql";

	/** MariaDB. */
	public static final String MARIADB = "mariadb";

	private static final Log logger = LogFactory.getLog(TestDatabases.class);

	private static final String POSTGRESQL_URL = "r2dbc:postgresql://postgres@127.0.0.1:5432/test";

	private static final String MARIADB_URL = "r2dbc:mariadb://root@127.0.0.1:3306/test";

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	// a server found unreachable is not tried again by every test class
	private static final Map<String, Reachable> servers = new ConcurrentHashMap<>();

	// what applySchemaOnce applied: a connection factory with a script
	private static final Set<List<Object>> applied = ConcurrentHashMap.newKeySet();

	private TestDatabases() {
	}

	/**
	 * A connection factory of a database.
	 * @param platform {@link #H2} (a new in-memory database), {@link #POSTGRESQL} or
	 * {@link #MARIADB}
	 * @return the connection factory; the test is skipped, or on CI failed, when the
	 * server cannot be reached
	 */
	public static ConnectionFactory connectionFactory(String platform) {
		return switch (platform) {
			case H2 -> h2("test-" + UUID.randomUUID());
			case POSTGRESQL -> server(POSTGRESQL, "ALTSCODEX_TEST_POSTGRESQL_URL", POSTGRESQL_URL);
			case MARIADB -> server(MARIADB, "ALTSCODEX_TEST_MARIADB_URL", MARIADB_URL);
			default -> throw new IllegalArgumentException("Unknown database platform '" + platform + "'");
		};
	}

	/**
	 * An in-memory H2 database of a name, kept until the JVM exits: the same name, the
	 * same database.
	 * @param name the database's name
	 * @return its connection factory
	 */
	public static ConnectionFactory h2(String name) {
		return ConnectionFactories.get("r2dbc:h2:mem:///" + name + "?options=DB_CLOSE_DELAY=-1");
	}

	/**
	 * PostgreSQL.
	 * @return its connection factory; the test is skipped, or on CI failed, when the
	 * server cannot be reached
	 */
	public static ConnectionFactory postgresql() {
		return connectionFactory(POSTGRESQL);
	}

	/**
	 * MariaDB.
	 * @return its connection factory; the test is skipped, or on CI failed, when the
	 * server cannot be reached
	 */
	public static ConnectionFactory mariadb() {
		return connectionFactory(MARIADB);
	}

	/**
	 * Runs a schema script of a database, such as a store's
	 * {@code SCHEMA_LOCATION_PATTERN}.
	 * @param connectionFactory the database
	 * @param locationPattern where the script is, {@code @@platform@@} standing for the
	 * platform
	 * @param platform the database's platform
	 */
	public static void applySchema(ConnectionFactory connectionFactory, String locationPattern, String platform) {
		String location = locationPattern.replace("@@platform@@", platform);
		new ResourceDatabasePopulator(new DefaultResourceLoader().getResource(location)).populate(connectionFactory)
			.block(CONNECT_TIMEOUT);
	}

	/**
	 * Runs a schema script of a database unless it ran on it before in this JVM.
	 * @param connectionFactory the database
	 * @param locationPattern where the script is, {@code @@platform@@} standing for the
	 * platform
	 * @param platform the database's platform
	 */
	public static void applySchemaOnce(ConnectionFactory connectionFactory, String locationPattern, String platform) {
		if (applied.add(List.of(connectionFactory, locationPattern))) {
			applySchema(connectionFactory, locationPattern, platform);
		}
	}

	/**
	 * Deletes every row of tables, in the order given, over one connection.
	 * @param connectionFactory the database
	 * @param tables the tables' names
	 */
	public static void deleteAll(ConnectionFactory connectionFactory, String... tables) {
		Mono.usingWhen(Mono.from(connectionFactory.create()),
				(connection) -> Flux.fromArray(tables)
					.concatMap((table) -> Flux.from(connection.createStatement("DELETE FROM " + table).execute())
						.concatMap(Result::getRowsUpdated))
					.then(),
				Connection::close)
			.block(CONNECT_TIMEOUT);
	}

	/**
	 * The URL of a database server, for a Spring Boot application's
	 * {@code spring.r2dbc.url}; reach it with {@link #connectionFactory} first, which skips
	 * or fails the test when the server is not there.
	 * @param platform {@link #POSTGRESQL} or {@link #MARIADB}
	 * @return the R2DBC URL
	 */
	public static String url(String platform) {
		Reachable reached = servers.get(platform);
		if (reached != null && reached.failure() == null) {
			return reached.url();
		}
		return switch (platform) {
			case POSTGRESQL -> url("ALTSCODEX_TEST_POSTGRESQL_URL", POSTGRESQL_URL);
			case MARIADB -> url("ALTSCODEX_TEST_MARIADB_URL", MARIADB_URL);
			default -> throw new IllegalArgumentException("No server URL for platform '" + platform + "'");
		};
	}

	private static String url(String urlVariable, String defaultUrl) {
		String configured = System.getenv(urlVariable);
		return (configured != null && !configured.isBlank()) ? configured : defaultUrl;
	}

	private static ConnectionFactory server(String platform, String urlVariable, String defaultUrl) {
		Reachable reachable = servers.computeIfAbsent(platform,
				(key) -> reach(platform, url(urlVariable, defaultUrl), System.getenv(urlVariable) == null));
		if (reachable.failure() != null) {
			unreachable(platform, reachable.url(), urlVariable, reachable.failure());
		}
		return reachable.connectionFactory();
	}

	// the machine's server; else, on a machine with a Docker engine and no URL of its own,
	// one in a container (Testcontainers), started once for the JVM
	private static Reachable reach(String platform, String url, boolean mayUseContainer) {
		Reachable local = probe(url);
		if (local.failure() == null || !mayUseContainer || !Containers.dockerAvailable()) {
			return local;
		}
		logger.warn("The " + platform + " server at " + url + " cannot be reached; starting one in a container");
		return probe(Containers.start(platform));
	}

	private static Reachable probe(String url) {
		ConnectionFactory connectionFactory = ConnectionFactories.get(url);
		try {
			Mono.usingWhen(Mono.from(connectionFactory.create()),
					(connection) -> Mono.from(connection.validate(ValidationDepth.REMOTE)), Connection::close)
				.block(CONNECT_TIMEOUT);
			return new Reachable(url, connectionFactory, null);
		}
		catch (RuntimeException ex) {
			return new Reachable(url, connectionFactory, ex);
		}
	}

	private static void unreachable(String platform, String url, String urlVariable, Throwable failure) {
		String message = "Cannot connect to the " + platform + " server at " + url + " (" + failure
				+ "); start it, or set " + urlVariable;
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			Assertions.fail(message + ". On CI every database test must run.", failure);
		}
		logger.warn("!!! " + message + ". SKIPPING the tests that need it; on CI (CI=true) they would fail.");
		Assumptions.abort(message);
	}

	private record Reachable(String url, ConnectionFactory connectionFactory, Throwable failure) {

	}

	/**
	 * Servers in containers, for machines with a Docker engine and no local server; loaded
	 * only there, so Testcontainers is never touched otherwise.
	 */
	private static final class Containers {

		private static final Map<String, String> started = new ConcurrentHashMap<>();

		static boolean dockerAvailable() {
			try {
				return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
			}
			catch (RuntimeException | LinkageError ex) {
				return false;
			}
		}

		// the containers live as long as the JVM: Testcontainers' reaper removes them after
		static String start(String platform) {
			return started.computeIfAbsent(platform, (key) -> switch (key) {
				case POSTGRESQL -> {
					org.testcontainers.postgresql.PostgreSQLContainer postgres = new org.testcontainers.postgresql.PostgreSQLContainer(
							"postgres:15");
					postgres.start();
					yield "r2dbc:postgresql://" + postgres.getUsername() + ":" + postgres.getPassword() + "@"
							+ postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + postgres.getDatabaseName();
				}
				case MARIADB -> {
					org.testcontainers.mariadb.MariaDBContainer mariadb = new org.testcontainers.mariadb.MariaDBContainer(
							"mariadb:10.11");
					mariadb.start();
					yield "r2dbc:mariadb://" + mariadb.getUsername() + ":" + mariadb.getPassword() + "@"
							+ mariadb.getHost() + ":" + mariadb.getMappedPort(3306) + "/" + mariadb.getDatabaseName();
				}
				default -> throw new IllegalArgumentException("No container for platform '" + key + "'");
			});
		}

	}

}
