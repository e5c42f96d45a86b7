package com.altscodex.benchmarks.suite;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.altscodex.benchmarks.bare.BareApp;
import com.altscodex.benchmarks.load.Results;

/**
 * What to run and for how long. {@code --quick} shortens everything for a smoke run of a
 * few minutes; each figure can be set on its own.
 */
record SuiteSettings(boolean quick, Set<Stage> stages, boolean profile, boolean noProfile, List<Integer> users,
		int targetRounds, double warmupSeconds, double measureSeconds, int memoryLoginsH1, int memoryLoginsH2c, int burstLogins,
		int registryEntries, int jmhWarmupIterations, int jmhIterations, int jwtUsers, int floodLogins, int floodBound,
		int floodFirstWave, String floodBeyondClient, double floodHoldSeconds, double floodLoginTimeoutSeconds,
		int securityUsers, int securityRounds, int ipFloodLogins, int ipFloodUsers, double ipFloodHoldSeconds,
		int authzUsers, int authzRounds, int clusterUsers, int clusterRounds, int clusterInstances,
		String clusterRedisUrl, Path root, Path reportFile, Path jsonFile, Path workDir,
		String command, String note, boolean nativeTransport, boolean render, boolean merge) {

	/** How long the load generator waits for each answer of a burst. */
	static final int BURST_TIMEOUT_SECONDS = 60;

	/** The login timeout of the apps holding pending logins, far beyond the measurement. */
	static final int MEMORY_LOGIN_TIMEOUT_MINUTES = 30;

	/** The HTTP/2 streams per connection of the h2c memory runs (server limit and client pool). */
	static final int H2C_STREAMS_PER_CONNECTION = 1000;

	/** {@code altscodex.max-pending-logins} of the flood's baseline: the bound off. */
	static final int FLOOD_UNBOUNDED = 1_000_000;

	/**
	 * How long the simulator holds {@code authorize} in the flood that warms an app up:
	 * longer than its rounds of refusals take, so that the bound stays full through them.
	 */
	static final double FLOOD_WARMUP_HOLD_SECONDS = 6;

	/**
	 * How many times the flood that warms a bounded app up sends its logins beyond the
	 * bound (500 each by default): enough refusals for the JIT to compile their path, as
	 * in a flood that lasts. With one round, the measured flood ran the refusals while
	 * the JIT compilers took 0.4–0.7 s of the two cores.
	 */
	static final int FLOOD_WARMUP_BEYOND_ROUNDS = 20;

	/**
	 * How long the measured flood waits at most, once DeOAuth holds the first wave, for
	 * the app to be quiet before it sends the logins beyond the bound, and at most a
	 * quarter of the hold: the peak must come within half the hold for its figures to
	 * count.
	 */
	static final int FLOOD_QUIET_TIMEOUT_SECONDS = 8;

	/**
	 * How often the suite polls the app's state while warming it up for the flood, as it
	 * does during the measured flood.
	 */
	static final int FLOOD_WARMUP_POLL_MILLIS = 50;

	/**
	 * Every how many polls of the app's state the flood's warm-up also reads its answer
	 * times and its metrics.
	 */
	static final int FLOOD_WARMUP_SCRAPE_EVERY = 10;

	/**
	 * The limit per client address of the starter's apps in the security stage's closed
	 * loops, where every login comes from the one address of the load generator: so high
	 * that it never refuses, while its filter still runs for every sign-in. The authz
	 * stage's apps have it too: each of its load generators signs its users in at once.
	 */
	static final long SECURITY_LOAD_RATE_LIMIT = 1_000_000_000L;

	/** The stages {@code --merge} can replace in a results file, each by itself or together. */
	static final Set<Stage> MERGEABLE = EnumSet.of(Stage.SECURITY, Stage.AUTHZ, Stage.CLUSTER, Stage.JMH);

	/** The Redis the cluster stage's instances share unless {@code --cluster-redis} says otherwise. */
	static final String CLUSTER_REDIS_URL = "redis://127.0.0.1:6379";

	/** The client address of the security stage's flood. */
	static final String IP_FLOOD_SOURCE = "127.0.0.2";

	/** The client address of the users who sign in during that flood. */
	static final String IP_FLOOD_USERS_SOURCE = "127.0.0.3";

	/** The addresses of the flood that warms the app up, other than the measured ones. */
	static final String IP_FLOOD_WARMUP_SOURCE = "127.0.0.4";

	static final String IP_FLOOD_WARMUP_USERS_SOURCE = "127.0.0.5";

	/**
	 * The addresses the closed loop that warms the flood's app up signs in from, each
	 * login from the next: so many that none of them reaches the limit per address.
	 */
	static final String IP_FLOOD_WARMUP_LOGIN_SOURCES = "127.1.0.1+4000";

	/**
	 * How many times the flood that warms the app up is sent again once it has ended,
	 * every login refused: enough refusals for the JIT to compile their path.
	 */
	static final int IP_FLOOD_WARMUP_EXTRA_ROUNDS = 20;

	/** How long DeOAuth holds the flood's logins that get through in the warm-up. */
	static final double IP_FLOOD_WARMUP_HOLD_SECONDS = 6;

	/** How much longer than the hold the flood's app waits for a login. */
	static final double IP_FLOOD_LOGIN_TIMEOUT_MARGIN_SECONDS = 5;

	/** The JVM flags of the app under test and of the bare app under load (identical). */
	static final List<String> APP_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:+UnlockDiagnosticVMOptions",
			"-XX:+DebugNonSafepoints");

	/** The JVM flags of the app and the bare app holding pending logins (identical). */
	static final List<String> MEMORY_APP_FLAGS = List.of("-Xms1g", "-Xmx6g", "-XX:+UseG1GC");

	static final List<String> SIMULATOR_FLAGS = List.of("-Xms512m", "-Xmx2g", "-XX:+UseG1GC");

	static final List<String> LOAD_GENERATOR_FLAGS = List.of("-Xms512m", "-Xmx2g", "-XX:+UseG1GC");

	static final List<String> HOLDING_LOAD_GENERATOR_FLAGS = List.of("-Xmx6g", "-XX:+UseG1GC");

	static final List<String> REGISTRY_FLAGS = List.of("-Xms1g", "-Xmx2g", "-XX:+UseG1GC");

	static final List<String> JMH_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

	/**
	 * A part of the suite ({@code --only load,burst,memory,flood,jmh,security,authz,cluster}).
	 */
	enum Stage {

		LOAD, BURST, MEMORY, FLOOD, JMH, SECURITY, AUTHZ, CLUSTER;

		static Stage of(String name) {
			for (Stage stage : values()) {
				if (stage.name().equalsIgnoreCase(name.strip())) {
					return stage;
				}
			}
			throw new IllegalArgumentException("Unknown stage '" + name.strip() + "': --only takes "
					+ Arrays.stream(values()).map((stage) -> stage.name().toLowerCase(Locale.ROOT)).toList());
		}

	}

	static SuiteSettings from(Args args) {
		boolean quick = args.flag("quick");
		Set<Stage> stages = EnumSet.allOf(Stage.class);
		String only = args.get("only");
		if (only != null) {
			stages = EnumSet.noneOf(Stage.class);
			for (String stage : only.split(",")) {
				stages.add(Stage.of(stage));
			}
		}
		Path root = Path.of(args.get("root", ".")).toAbsolutePath().normalize();
		List<Integer> users = Arrays.stream(args.get("users", "1,16,64,256").split(","))
			.map(String::strip)
			.map(Integer::valueOf)
			.toList();
		int floodLogins = args.intValue("flood", 1_500);
		int floodBound = args.intValue("flood-bound", 1_000);
		// the bound filled first, then the logins beyond it: each refusal is timed against a
		// full bound, not behind the admitted logins of the same instant
		int floodFirstWave = args.intValue("flood-first-wave", floodBound);
		// the logins beyond the first wave on plain sockets: the Reactor Netty client's own
		// CPU, on the cores the app runs on, was most of their time (see SocketWave)
		String floodBeyondClient = args.get("flood-beyond-client", Results.Flood.ON_SOCKETS);
		if (!List.of(Results.Flood.ON_SOCKETS, Results.Flood.ON_REACTOR_NETTY).contains(floodBeyondClient)) {
			throw new IllegalArgumentException("--flood-beyond-client is " + Results.Flood.ON_SOCKETS + " or "
					+ Results.Flood.ON_REACTOR_NETTY);
		}
		double floodHold = args.doubleValue("flood-hold", quick ? 10 : 30);
		double floodLoginTimeout = args.doubleValue("flood-login-timeout", quick ? 15 : 35);
		if (floodLogins < 1 || floodLogins >= FLOOD_UNBOUNDED) {
			throw new IllegalArgumentException("--flood is at least 1 and below " + FLOOD_UNBOUNDED);
		}
		if (floodBound < 1 || floodBound >= FLOOD_UNBOUNDED) {
			throw new IllegalArgumentException("--flood-bound is at least 1 and below " + FLOOD_UNBOUNDED);
		}
		if (floodFirstWave < 0 || floodFirstWave > Math.min(floodBound, floodLogins)) {
			throw new IllegalArgumentException("--flood-first-wave is between 0 (every login at once) and the smaller "
					+ "of --flood and --flood-bound, so that the bound refuses none of the first wave");
		}
		if (floodLoginTimeout <= floodHold) {
			throw new IllegalArgumentException("--flood-login-timeout must be longer than --flood-hold, or the held "
					+ "logins time out before DeOAuth answers");
		}
		int ipFloodLogins = args.intValue("ip-flood", 1_500);
		int ipFloodUsers = args.intValue("ip-flood-users", 20);
		if (ipFloodLogins < 1 || ipFloodUsers < 1) {
			throw new IllegalArgumentException("--ip-flood and --ip-flood-users are at least 1");
		}
		int authzUsers = args.intValue("authz-users", 64);
		int authzRounds = args.intValue("authz-rounds", quick ? 1 : 3);
		int jwtUsers = args.intValue("jwt-users", 2_000);
		if (authzUsers < 1 || authzRounds < 1) {
			throw new IllegalArgumentException("--authz-users and --authz-rounds are at least 1");
		}
		if (authzUsers >= jwtUsers) {
			// the authz stage's checks sign in one user more, who holds no role
			throw new IllegalArgumentException("--authz-users must be below --jwt-users (" + jwtUsers + ")");
		}
		int clusterUsers = args.intValue("cluster-users", 64);
		int clusterRounds = args.intValue("cluster-rounds", quick ? 1 : 3);
		int clusterInstances = args.intValue("cluster-instances", 2);
		if (clusterUsers < 1 || clusterRounds < 1) {
			throw new IllegalArgumentException("--cluster-users and --cluster-rounds are at least 1");
		}
		if (clusterInstances < 2) {
			// a callback lands on another instance than the login's
			throw new IllegalArgumentException("--cluster-instances is at least 2");
		}
		if (clusterUsers >= jwtUsers) {
			throw new IllegalArgumentException("--cluster-users must be below --jwt-users (" + jwtUsers + ")");
		}
		boolean merge = args.flag("merge");
		if (merge && (stages.isEmpty() || !MERGEABLE.containsAll(stages))) {
			throw new IllegalArgumentException("--merge replaces the security, the authz, the cluster or the jmh stage "
					+ "of the results file and keeps every other stage: it takes --only with some of security, authz, "
					+ "cluster and jmh (e.g. --only authz or --only cluster,jmh)");
		}
		return new SuiteSettings(quick, stages, args.flag("profile"), args.flag("no-profile"), users,
				args.intValue("rounds", quick ? 1 : 3), args.doubleValue("warmup", quick ? 3 : 10), args.doubleValue("measure", quick ? 5 : 20),
				args.intValue("memory-logins-h1", quick ? 2_000 : 10_000),
				args.intValue("memory-logins-h2c", quick ? 10_000 : 100_000), args.intValue("burst", 2_000),
				args.intValue("registry-entries", 100_000), args.intValue("jmh-warmups", quick ? 1 : 3),
				args.intValue("jmh-iterations", quick ? 2 : 5), jwtUsers,
				floodLogins, floodBound, floodFirstWave, floodBeyondClient, floodHold, floodLoginTimeout,
				args.intValue("security-users", 64), args.intValue("security-rounds", quick ? 1 : 3), ipFloodLogins,
				ipFloodUsers, args.doubleValue("ip-flood-hold", quick ? 10 : 30), authzUsers, authzRounds, clusterUsers,
				clusterRounds, clusterInstances, args.get("cluster-redis", CLUSTER_REDIS_URL), root,
				root.resolve(args.get("report", "docs/performance.md")),
				root.resolve(args.get("json", "benchmarks/results/latest.json")),
				root.resolve(args.get("work-dir", "benchmarks/target/bench")),
				System.getProperty("bench.command", "benchmarks/run " + String.join(" ", args.raw())),
				args.get("note", ""), nativeTransport(args.get("transport", "native")), args.flag("render"), merge);
	}

	/**
	 * The security stage's settings, as its own run stores them.
	 */
	Map<String, Object> describeSecurity() {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("securityUsers", this.securityUsers);
		settings.put("securityRounds", this.securityRounds);
		settings.put("securityLoadRateLimit", SECURITY_LOAD_RATE_LIMIT);
		settings.put("ipFloodLogins", this.ipFloodLogins);
		settings.put("ipFloodSource", IP_FLOOD_SOURCE);
		settings.put("ipFloodUsers", this.ipFloodUsers);
		settings.put("ipFloodUsersSource", IP_FLOOD_USERS_SOURCE);
		settings.put("ipFloodHoldSeconds", this.ipFloodHoldSeconds);
		settings.put("ipFloodLoginTimeoutSeconds", ipFloodLoginTimeoutSeconds());
		settings.put("ipFloodWarmupHoldSeconds", ipFloodWarmupHoldSeconds());
		settings.put("ipFloodWarmupExtraRounds", ipFloodWarmupExtraRounds());
		return settings;
	}

	/**
	 * The authz stage's settings, as its own run stores them.
	 */
	Map<String, Object> describeAuthz() {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("authzUsers", this.authzUsers);
		settings.put("authzRounds", this.authzRounds);
		settings.put("authzSignInRateLimit", SECURITY_LOAD_RATE_LIMIT);
		return settings;
	}

	/**
	 * The cluster stage's settings, as its own run stores them.
	 */
	Map<String, Object> describeCluster() {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("clusterUsers", this.clusterUsers);
		settings.put("clusterRounds", this.clusterRounds);
		settings.put("clusterInstances", this.clusterInstances);
		settings.put("clusterRedis", this.clusterRedisUrl);
		settings.put("clusterSignInRateLimit", SECURITY_LOAD_RATE_LIMIT);
		return settings;
	}

	private static boolean nativeTransport(String transport) {
		return switch (transport) {
			case "native" -> true;
			case "nio" -> false;
			default -> throw new IllegalArgumentException("--transport is native or nio, not " + transport);
		};
	}

	/**
	 * The JVM flags every child process gets on top of its own: with {@code --transport
	 * nio}, Reactor Netty is told to leave the native transport on the classpath alone.
	 */
	List<String> transportFlags() {
		return this.nativeTransport ? List.of() : List.of("-Dreactor.netty.native=false");
	}

	int floodWarmupBeyondRounds() {
		return (this.quick || !Results.Flood.ON_SOCKETS.equals(this.floodBeyondClient)) ? 1
				: FLOOD_WARMUP_BEYOND_ROUNDS;
	}

	/**
	 * How long the measured flood waits at most for the app to be quiet before the logins
	 * beyond the first wave; 0 without a first wave.
	 */
	double floodQuietTimeoutSeconds() {
		return (this.floodFirstWave > 0) ? Math.min(FLOOD_QUIET_TIMEOUT_SECONDS, this.floodHoldSeconds / 4) : 0;
	}

	double floodWarmupHoldSeconds() {
		return Math.min(FLOOD_WARMUP_HOLD_SECONDS, this.floodHoldSeconds);
	}

	int ipFloodWarmupExtraRounds() {
		return this.quick ? 1 : IP_FLOOD_WARMUP_EXTRA_ROUNDS;
	}

	double ipFloodWarmupHoldSeconds() {
		return Math.min(IP_FLOOD_WARMUP_HOLD_SECONDS, this.ipFloodHoldSeconds);
	}

	/**
	 * The login timeout (and response timeout to DeOAuth) of the flood's app: longer than
	 * the hold, so that the logins DeOAuth holds end with its answer.
	 */
	double ipFloodLoginTimeoutSeconds() {
		return this.ipFloodHoldSeconds + IP_FLOOD_LOGIN_TIMEOUT_MARGIN_SECONDS;
	}

	boolean runs(Stage stage) {
		return this.stages.contains(stage);
	}

	/**
	 * The settings as the results file stores them ({@code run.settings}): everything the
	 * report says about how the run was made, so that {@code --render} needs nothing from
	 * its own command line. {@code note} is the note at the top of the report.
	 */
	Map<String, Object> describe() {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("users", this.users);
		settings.put("roundsAt64Users", this.targetRounds);
		settings.put("warmupSeconds", this.warmupSeconds);
		settings.put("measureSeconds", this.measureSeconds);
		settings.put("memoryLoginsHttp11", this.memoryLoginsH1);
		settings.put("memoryLoginsH2c", this.memoryLoginsH2c);
		settings.put("burstLogins", this.burstLogins);
		settings.put("registryEntries", this.registryEntries);
		settings.put("jmhWarmupIterations", this.jmhWarmupIterations);
		settings.put("jmhIterations", this.jmhIterations);
		settings.put("jwtUsers", this.jwtUsers);
		settings.put("transport", this.nativeTransport ? "native (epoll)" : "nio");
		settings.put("profileOff", this.noProfile);
		settings.put("burstTimeoutSeconds", BURST_TIMEOUT_SECONDS);
		settings.put("memoryLoginTimeoutMinutes", MEMORY_LOGIN_TIMEOUT_MINUTES);
		settings.put("h2cStreamsPerConnection", H2C_STREAMS_PER_CONNECTION);
		settings.put("bareAppConnections", BareApp.MAX_CONNECTIONS);
		settings.put("bareAppPendingAcquires", BareApp.MAX_PENDING_ACQUIRES);
		settings.put("floodLogins", this.floodLogins);
		settings.put("floodMaxPendingLogins", this.floodBound);
		settings.put("floodBaselineMaxPendingLogins", FLOOD_UNBOUNDED);
		settings.put("floodFirstWave", this.floodFirstWave);
		settings.put("floodBeyondClient", this.floodBeyondClient);
		settings.put("floodHoldSeconds", this.floodHoldSeconds);
		settings.put("floodWarmupHoldSeconds", floodWarmupHoldSeconds());
		settings.put("floodWarmupBeyondRounds", floodWarmupBeyondRounds());
		settings.put("floodQuietTimeoutSeconds", floodQuietTimeoutSeconds());
		settings.put("floodWarmupPollSeconds", FLOOD_WARMUP_POLL_MILLIS / 1000.0);
		settings.put("floodLoginTimeoutSeconds", this.floodLoginTimeoutSeconds);
		if (runs(Stage.SECURITY)) {
			settings.putAll(describeSecurity());
		}
		if (runs(Stage.AUTHZ)) {
			settings.putAll(describeAuthz());
		}
		if (runs(Stage.CLUSTER)) {
			settings.putAll(describeCluster());
		}
		settings.put("note", this.note);
		return settings;
	}

}
