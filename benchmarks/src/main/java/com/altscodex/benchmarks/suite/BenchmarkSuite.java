package com.altscodex.benchmarks.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import com.altscodex.benchmarks.load.LoadGenerator;
import com.altscodex.benchmarks.load.Results;
import com.altscodex.benchmarks.memory.ClientFootprint;
import com.altscodex.benchmarks.memory.RegistryFootprint;
import com.altscodex.benchmarks.server.Authorization;
import com.altscodex.benchmarks.server.AuthorizationBenchConfiguration;
import com.altscodex.benchmarks.server.BenchServers;
import com.altscodex.benchmarks.server.SecuredBenchConfiguration;
import com.altscodex.benchmarks.server.Security;
import com.altscodex.benchmarks.server.Store;
import com.altscodex.benchmarks.simulator.SimulatorMain;
import com.altscodex.benchmarks.suite.SuiteResults.BurstRun;
import com.altscodex.benchmarks.suite.SuiteResults.ClassDelta;
import com.altscodex.benchmarks.suite.SuiteResults.CpuUse;
import com.altscodex.benchmarks.suite.SuiteResults.FloodRun;
import com.altscodex.benchmarks.suite.SuiteResults.JmhScore;
import com.altscodex.benchmarks.suite.SuiteResults.LoadRun;
import com.altscodex.benchmarks.suite.SuiteResults.MemoryRun;
import com.altscodex.benchmarks.suite.SuiteResults.ProfileRun;
import com.altscodex.benchmarks.suite.SuiteResults.RegistryEntrySize;
import com.altscodex.benchmarks.suite.SuiteSettings.Stage;
import com.altscodex.spring.autoconfigure.metrics.AltsCodexClientMetrics;
import com.altscodex.spring.autoconfigure.security.AltsCodexSecurityProperties;
import com.altscodex.spring.pat.PersonalAccessTokenCodec;

/**
 * Runs the whole suite and writes the report: {@code docs/performance.md} and
 * {@code benchmarks/results/latest.json}. Started by {@code benchmarks/run}.
 * <p>
 * Every actor is a JVM of its own, started here on this JVM's classpath: the DeOAuth
 * simulator, the app under test in two variants (observed, plain), the bare-WebClient
 * app (the ceiling), and a new load generator per run. All of them share the machine's
 * cores; CPU time of each is read from {@code /proc} exactly when the load generator
 * opens and closes its measured window.
 */
public final class BenchmarkSuite {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonMapper PRETTY_JSON = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.build();

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_INSTANT;

	private static final String CALLBACK_PATH = "/login/altscodex";

	private static final String CLIENT_ID = "bench-app";

	private static final int PROFILE_USERS = 64;

	/** The status of a login refused because too many are pending. */
	private static final int BUSY_STATUS = 503;

	/** The status of a sign-in attempt refused by the limit per client address. */
	private static final int RATE_LIMITED_STATUS = 429;

	private final SuiteSettings settings;

	private final SuiteResults results = new SuiteResults();

	private final CpuClock clock = CpuClock.create();

	/** Where the checks and problems of every stage but the security stage go. */
	private final Notes notes = new Notes(this.results.checks, this.results.problems);

	// HTTP/1.1: the JDK client would otherwise try an h2c upgrade, which Reactor Netty refuses for a POST with a body
	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final List<ChildProcess> running = new CopyOnWriteArrayList<>();

	private final String clientSecret = randomSecret();

	private final Path logs;

	private final Path jwtFile;

	private final int cores = Runtime.getRuntime().availableProcessors();

	private @Nullable ChildProcess simulator;

	private int simulatorPort;

	private BenchmarkSuite(SuiteSettings settings) {
		this.settings = settings;
		this.logs = settings.workDir().resolve("logs");
		this.jwtFile = settings.workDir().resolve("jwts.txt");
	}

	public static void main(String[] args) throws Exception {
		SuiteSettings settings = SuiteSettings.from(Args.parse(args));
		if (settings.render()) {
			render(settings);
			System.exit(0);
		}
		BenchmarkSuite suite = new BenchmarkSuite(settings);
		Runtime.getRuntime().addShutdownHook(new Thread(suite::stopAll, "stop-bench-processes"));
		suite.run();
		System.exit(0);
	}

	private void run() throws IOException {
		if (this.settings.merge()) {
			// before anything is measured: the file the stage goes into must read back
			SuiteResults.readBack(JSON, Files.readString(this.settings.jsonFile(), StandardCharsets.UTF_8));
		}
		Instant started = Instant.now();
		Files.createDirectories(this.logs);
		log("Benchmark suite" + (this.settings.quick() ? " (quick)" : "") + ": stages " + this.settings.stages()
				+ "; logs in " + this.logs);
		this.results.environment = EnvironmentProbe.probe(this.settings, this.clock);
		try {
			if (this.settings.runs(Stage.LOAD) || this.settings.runs(Stage.BURST) || this.settings.runs(Stage.MEMORY)) {
				startSimulator();
				if (this.settings.runs(Stage.LOAD) || this.settings.runs(Stage.BURST)) {
					loadAndBurst();
				}
				if (this.settings.runs(Stage.MEMORY)) {
					stage("memory", this::memory);
				}
			}
			if (this.settings.runs(Stage.MEMORY)) {
				stage("registry footprint", this::registryFootprint);
			}
			if (this.settings.runs(Stage.FLOOD)) {
				// the flood has a simulator of its own
				stop(this.simulator);
				this.simulator = null;
				stage("flood", this::flood);
			}
			if (this.settings.runs(Stage.SECURITY)) {
				stage("security", this::security);
			}
			if (this.settings.runs(Stage.AUTHZ)) {
				stage("authz", this::authz);
			}
			if (this.settings.runs(Stage.CLUSTER)) {
				stage("cluster", this::cluster);
			}
		}
		finally {
			stopAll();
		}
		if (this.settings.runs(Stage.JMH)) {
			stage("JMH", this::jmh);
		}
		Instant finished = Instant.now();
		this.results.run = new SuiteResults.RunInfo(TIMESTAMP.format(started.truncatedTo(ChronoUnit.SECONDS)),
				TIMESTAMP.format(finished.truncatedTo(ChronoUnit.SECONDS)),
				Duration.between(started, finished).toSeconds() / 60.0, this.settings.command(), this.settings.quick(),
				this.settings.stages().stream().map(Enum::name).toList(), this.settings.profile(),
				this.settings.describe());
		if (this.settings.merge()) {
			merge();
		}
		else {
			write();
		}
	}

	/*
	 * --merge: the stages of this run (security, authz, cluster) replace those of the results file,
	 * every other stage's figures and the run they came from stay, and the report is
	 * rendered again from the whole.
	 */
	private void merge() throws IOException {
		SuiteResults stored = merged(Files.readString(this.settings.jsonFile(), StandardCharsets.UTF_8),
				this.results, this.settings.stages());
		String stages = this.settings.stages()
			.stream()
			.map((stage) -> stage.name().toLowerCase(Locale.ROOT))
			.collect(Collectors.joining(" and "));
		log("Merging the " + stages + " stage" + ((this.settings.stages().size() > 1) ? "s" : "") + " into "
				+ relative(this.settings, this.settings.jsonFile()) + ", measured by "
				+ ((stored.run != null) ? stored.run.command() : "an unknown run"));
		write(stored, this.settings);
	}

	private void stage(String name, Runnable stage) {
		stage(name, stage, this.notes);
	}

	private static void stage(String name, Runnable stage, Notes notes) {
		try {
			stage.run();
		}
		catch (RuntimeException ex) {
			String problem = name + ": " + ex.getMessage();
			log("FAILED " + problem);
			notes.problems().add(problem);
		}
	}

	// processes

	private List<String> java(List<String> flags, Class<?> mainClass, List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(flags);
		command.addAll(this.settings.transportFlags());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass.getName());
		command.addAll(args);
		return command;
	}

	private ChildProcess start(String name, List<String> command, @Nullable Consumer<String> onLine) {
		ChildProcess process = ChildProcess.start(name, command, this.logs.resolve(name + ".log"), onLine);
		this.running.add(process);
		return process;
	}

	private void stop(@Nullable ChildProcess process) {
		if (process != null) {
			process.close();
			this.running.remove(process);
		}
	}

	private void stopAll() {
		for (ChildProcess process : this.running) {
			process.close();
		}
		this.running.clear();
	}

	private void startSimulator() {
		log("Starting the DeOAuth simulator and issuing " + this.settings.jwtUsers() + " JWTs");
		this.simulator = start("simulator",
				java(SuiteSettings.SIMULATOR_FLAGS, SimulatorMain.class,
						List.of("--client-id", CLIENT_ID, "--client-secret", this.clientSecret, "--redirect-uri",
								"http://127.0.0.1:*" + CALLBACK_PATH, "--users",
								Integer.toString(this.settings.jwtUsers()), "--jwt-file", this.jwtFile.toString())),
				null);
		String ready = this.simulator.awaitLineStartingWith("BENCH-READY", Duration.ofSeconds(120));
		this.simulatorPort = Integer.parseInt(ready.replaceAll(".*port=(\\d+).*", "$1"));
	}

	private ChildProcess simulator() {
		if (this.simulator == null) {
			throw new IllegalStateException("The simulator is not running");
		}
		return this.simulator;
	}

	private void simulatorCommand(String command, String expected) {
		command(simulator(), command, expected);
	}

	/**
	 * Sends a command to a simulator process and waits for its answer.
	 * @return the answer
	 */
	private static String command(ChildProcess simulator, String command, String expected) {
		simulator.send(command);
		return simulator.awaitLineStartingWith("OK " + expected, Duration.ofSeconds(30));
	}

	private App startApp(Subject subject, boolean holding, boolean h2c) {
		List<String> args = new ArrayList<>();
		if (holding) {
			// a login timeout far beyond the measurement
			args.add("--" + subject.propertyPrefix + ".timeout=" + SuiteSettings.MEMORY_LOGIN_TIMEOUT_MINUTES + "m");
			// room for every login held (the starter's default bound is 10,000; the bare app
			// has none and ignores the property)
			args.add("--altscodex.max-pending-logins="
					+ 2 * Math.max(this.settings.memoryLoginsH1(), this.settings.memoryLoginsH2c()));
		}
		if (h2c) {
			// HTTP/2 cleartext (and HTTP/1.1) on the same port
			args.add("--server.http2.enabled=true");
			args.add("--bench.http2.max-concurrent-streams=" + SuiteSettings.H2C_STREAMS_PER_CONNECTION);
		}
		List<String> flags = holding ? SuiteSettings.MEMORY_APP_FLAGS : SuiteSettings.APP_FLAGS;
		String name = subject.key + (holding ? "-holding" : "") + (h2c ? "-h2c" : "");
		return startApp(subject, name, this.simulatorPort, flags, args);
	}

	private App startApp(Subject subject, String name, int simulatorPort, List<String> flags, List<String> extraArgs) {
		return startApp(subject, name, freePort(), simulatorPort, flags, extraArgs);
	}

	private App startApp(Subject subject, String name, int port, int simulatorPort, List<String> flags,
			List<String> extraArgs) {
		String prefix = subject.propertyPrefix;
		String simulatorUrl = "http://127.0.0.1:" + simulatorPort;
		List<String> args = new ArrayList<>(List.of("--bench.variant=" + subject.variant.propertyValue(),
				"--server.port=" + port, "--" + prefix + ".client-id=" + CLIENT_ID,
				"--" + prefix + ".client-secret=" + this.clientSecret,
				"--" + prefix + ".redirect-uri=http://127.0.0.1:" + port + CALLBACK_PATH,
				"--" + prefix + ".auth-server-url=" + simulatorUrl));
		if (subject.propertyPrefix.equals("altscodex")) {
			args.add("--altscodex.platform-url=" + simulatorUrl);
		}
		if (subject.security != Security.NONE) {
			args.add("--" + BenchServers.SECURITY_PROPERTY + "=" + subject.security.propertyValue());
		}
		args.addAll(extraArgs);
		return new App(subject, port, start(name, java(flags, subject.mainClass, args), null));
	}

	private void awaitReady(App app) {
		awaitReady(app, this.jwtFile, this.notes);
	}

	private void awaitReady(App app, Path jwts) {
		awaitReady(app, jwts, this.notes);
	}

	/**
	 * Waits for an app to be ready, checks that it runs on the transport asked for and
	 * with Spring Security exactly when its subject has it, and signs a first user in the
	 * way its chain expects (an app with Spring Security's form login is asked for its
	 * state instead, its trivial endpoint must need a session).
	 */
	private String awaitReady(App app, Path jwts, Notes notes) {
		String ready = app.process.awaitLineStartingWith(BenchServers.READY, Duration.ofSeconds(180));
		boolean nativeTransport = ready.contains("nativeTransport=true");
		if (nativeTransport != this.settings.nativeTransport()) {
			notes.problems().add(app.subject.label + " runs on the " + (nativeTransport ? "native" : "NIO")
					+ " transport, not the one asked for");
		}
		boolean springSecurity = ready.contains("webFilterChainProxy=true");
		if (springSecurity != (app.subject.security != Security.NONE)) {
			notes.problems().add(app.subject.label + " (" + app.process.name() + ") runs "
					+ (springSecurity ? "with" : "without") + " Spring Security's WebFilterChainProxy, not as intended");
		}
		JwtEntry entry = firstJwt(jwts);
		switch (app.subject.security) {
			case NONE -> {
				HttpResponse<String> answer = send(HttpRequest.newBuilder(app.uri("/login"))
					.header("Content-Type", "text/plain")
					.POST(HttpRequest.BodyPublishers.ofString(entry.jwt()))
					.build());
				if (answer.statusCode() != 200 || !answer.body().contains("\"id\":\"" + entry.user() + "\"")) {
					throw new IllegalStateException(app.subject.label + " answered a first login with "
							+ answer.statusCode() + " " + answer.body() + app.process.tail());
				}
			}
			case STARTER -> {
				HttpResponse<String> page = send(HttpRequest.newBuilder(app.uri(SecuredBenchConfiguration.HELLO_PATH))
					.header("Accept", "application/json")
					.GET()
					.build());
				String token = cookie(page, "XSRF-TOKEN");
				if (page.statusCode() != 401 || token == null) {
					throw new IllegalStateException(app.subject.label + " answered GET "
							+ SecuredBenchConfiguration.HELLO_PATH + " without a session with " + page.statusCode()
							+ " and " + ((token != null) ? "a" : "no") + " CSRF cookie" + app.process.tail());
				}
				HttpResponse<String> answer = send(HttpRequest.newBuilder(app.uri("/login"))
					.header("Content-Type", "application/json")
					.header("Cookie", "XSRF-TOKEN=" + token)
					.header("X-XSRF-TOKEN", token)
					.POST(HttpRequest.BodyPublishers.ofString("{\"jwt\":\"" + entry.jwt() + "\"}"))
					.build());
				if (answer.statusCode() != 200 || !answer.body().contains("\"id\":\"" + entry.user() + "\"")
						|| cookie(answer, "SESSION") == null) {
					throw new IllegalStateException(app.subject.label + " answered a first sign-in with "
							+ answer.statusCode() + " " + answer.body() + app.process.tail());
				}
			}
			case FORM_LOGIN -> {
				HttpResponse<String> hello = send(
						HttpRequest.newBuilder(app.uri(SecuredBenchConfiguration.HELLO_PATH)).GET().build());
				if (hello.statusCode() == 200 || pending(app) != 0) {
					throw new IllegalStateException(app.subject.label + " answered GET "
							+ SecuredBenchConfiguration.HELLO_PATH + " without a session with " + hello.statusCode()
							+ app.process.tail());
				}
			}
		}
		log(app.subject.label + " ready on port " + app.port + " (pid " + app.process.pid() + ", "
				+ (nativeTransport ? "native" : "NIO") + " transport, "
				+ (springSecurity ? "with" : "without") + " Spring Security)");
		return ready;
	}

	/**
	 * The value of a cookie an answer sets, {@code null} if it sets none of that name.
	 */
	static @Nullable String cookie(HttpResponse<?> answer, String name) {
		for (String header : answer.headers().allValues("Set-Cookie")) {
			String pair = header.split(";", 2)[0];
			if (pair.startsWith(name + "=")) {
				String value = pair.substring(name.length() + 1).strip();
				return value.isEmpty() ? null : value;
			}
		}
		return null;
	}

	// load and burst

	private void loadAndBurst() {
		Map<Subject, App> apps = new EnumMap<>(Subject.class);
		try {
			// the observed app's own ceiling only takes part in the load runs
			List<Subject> subjects = this.settings.runs(Stage.LOAD) ? Subject.loadStage() : Subject.measured();
			log("Starting the apps under load: " + subjects);
			for (Subject subject : subjects) {
				apps.put(subject, startApp(subject, false, false));
			}
			apps.values().forEach(this::awaitReady);
			stage("warm-up", () -> warmUp(apps.values()));
			if (this.settings.runs(Stage.LOAD)) {
				stage("load", () -> load(apps));
				stage("variant checks", () -> checkVariants(apps));
				if (this.settings.profile() || (!this.settings.noProfile() && Verdicts.loadTargetMissed(this.results))) {
					stage("profile", () -> profile(apps));
				}
			}
			if (this.settings.runs(Stage.BURST)) {
				stage("burst", () -> burst(apps));
			}
		}
		finally {
			apps.values().forEach((app) -> stop(app.process));
		}
	}

	/*
	 * On two cores the JIT compilers of a freshly started app keep compiling for more
	 * than a minute under load (about 70 s of compiler CPU): every app gets 64 users in
	 * chunks until its compiler threads take less than 5 % of its CPU, then the suite
	 * waits until it is idle before anything is measured.
	 */
	private void warmUp(Collection<App> apps) {
		for (App app : apps) {
			warmUp(app, List.of(List.of()), "", this.notes);
		}
	}

	/**
	 * Warms one app up with 64 users, the chunks taking the flows in turn (each a load
	 * generator's {@code --flow} arguments), until its JIT compilers take less than 5 % of
	 * its CPU; then waits until it is idle.
	 */
	private void warmUp(App app, List<List<String>> flows, String what, Notes notes) {
		double chunk = this.settings.quick() ? 5 : 10;
		double limit = this.settings.quick() ? 30 : 150;
		double elapsed = 0;
		double jitShare = 1;
		int round = 0;
		while (elapsed < limit && jitShare > 0.05) {
			List<String> flow = flows.get(round % flows.size());
			LoadRun run = closedLoop(app, 64, 1, chunk, "warm-up-" + (++round), 1, flow);
			elapsed += chunk + 1;
			jitShare = run.cpu().appSecondsByThreadGroup().getOrDefault("JIT compiler", 0.0)
					/ Math.max(1e-9, run.cpu().appSeconds());
			if (run.result().errors().total() > 0) {
				notes.problems().add("Warm-up of " + app.subject.label + ": " + run.result().errors());
			}
		}
		String idle = awaitIdle(app, Duration.ofSeconds(this.settings.quick() ? 30 : 60));
		String check = app.subject.label + ": warmed up with 64 users" + what + " for " + Verdicts.number(elapsed, 0)
				+ " s (JIT compilers at " + Verdicts.percent(jitShare) + " of the app's CPU in the last "
				+ Verdicts.number(chunk, 0) + " s), then " + idle;
		notes.checks().add(check);
		log(check);
	}

	/**
	 * Waits until the app has used less than 5 % of a core over two seconds.
	 * @return what happened, for the report
	 */
	private String awaitIdle(App app, Duration timeout) {
		Quiet idle = awaitQuiet(app, timeout, Duration.ofSeconds(2), 2);
		return idle.reached() ? "idle after " + Verdicts.number(idle.seconds(), 0) + " s"
				: "still busy after " + timeout.toSeconds() + " s (JIT or GC); measured anyway";
	}

	/**
	 * Waits until the app has used less than 5 % of a core over the last {@code window},
	 * read {@code samples} times in it, at most {@code timeout}.
	 */
	private Quiet awaitQuiet(App app, Duration timeout, Duration window, int samples) {
		long pid = app.process.pid();
		long started = System.nanoTime();
		long deadline = started + timeout.toNanos();
		double limit = 0.05 * window.toMillis() / 1000.0;
		Deque<Long> ticks = new ArrayDeque<>(List.of(this.clock.processTicks(pid)));
		boolean quiet = false;
		while (!quiet && System.nanoTime() < deadline) {
			sleep(window.dividedBy(samples));
			ticks.addLast(this.clock.processTicks(pid));
			if (ticks.size() > samples + 1) {
				ticks.removeFirst();
			}
			quiet = ticks.size() > samples && this.clock.seconds(ticks.getLast() - ticks.getFirst()) < limit;
		}
		return new Quiet(quiet, (System.nanoTime() - started) / 1e9);
	}

	/**
	 * Whether the app became quiet, and after how many seconds.
	 */
	private record Quiet(boolean reached, double seconds) {
	}

	/*
	 * At 64 users, where the targets are, every app runs in several rounds and the order
	 * rotates, so that each app runs first, second and third once: the verdicts use the
	 * medians, and drift of the machine falls on all apps alike.
	 */
	private void load(Map<Subject, App> apps) {
		List<Subject> order = List.copyOf(apps.keySet());
		for (int users : this.settings.users()) {
			int rounds = (users == Verdicts.TARGET_USERS) ? this.settings.targetRounds() : 1;
			for (int round = 1; round <= rounds; round++) {
				for (int i = 0; i < order.size(); i++) {
					Subject subject = order.get((i + round - 1) % order.size());
					LoadRun run = closedLoop(apps.get(subject), users, this.settings.warmupSeconds(),
							this.settings.measureSeconds(), (rounds > 1) ? "round-" + round : "", round);
					this.results.load.add(run);
					log(String.format("%-26s %4d users%s: %8.1f logins/s, p50 %6.2f ms, p99 %7.2f ms, app CPU %.3f ms/login, %5.1f KB allocated/login, errors %d",
							subject.label, users, (rounds > 1) ? " (round " + round + ")" : "",
							run.result().loginsPerSecond(), run.result().latency().p50(), run.result().latency().p99(),
							run.appCpuMsPerLogin(), run.appAllocatedBytesPerLogin() / 1024,
							run.result().errors().total()));
				}
			}
		}
	}

	private LoadRun closedLoop(App app, int users, double warmup, double measure, String tag) {
		return closedLoop(app, users, warmup, measure, tag, 1);
	}

	private LoadRun closedLoop(App app, int users, double warmup, double measure, String tag, int round) {
		return closedLoop(app, users, warmup, measure, tag, round, List.of());
	}

	/**
	 * A closed loop against one app; {@code flow} are the load generator's arguments for
	 * what each user does ({@code --flow ...}), none for the plain login.
	 */
	private LoadRun closedLoop(App app, int users, double warmup, double measure, String tag, int round,
			List<String> flow) {
		AtomicLong loadPid = new AtomicLong();
		AtomicReference<long[]> opened = new AtomicReference<>();
		AtomicReference<long[]> closed = new AtomicReference<>();
		AtomicReference<Map<String, Long>> threadsOpened = new AtomicReference<>();
		AtomicReference<Map<String, Long>> threadsClosed = new AtomicReference<>();
		AtomicLong allocatedOpened = new AtomicLong();
		AtomicLong allocatedClosed = new AtomicLong();
		Consumer<String> onLine = (line) -> {
			if (line.equals("WINDOW_START")) {
				opened.set(sample(app.process.pid(), loadPid.get()));
				threadsOpened.set(this.clock.threadGroupTicks(app.process.pid()));
				allocatedOpened.set(allocated(app));
			}
			else if (line.equals("WINDOW_END")) {
				closed.set(sample(app.process.pid(), loadPid.get()));
				threadsClosed.set(this.clock.threadGroupTicks(app.process.pid()));
				allocatedClosed.set(allocated(app));
			}
		};
		String name = "load-" + app.process.name() + "-" + users + (tag.isEmpty() ? "" : "-" + tag);
		List<String> args = new ArrayList<>(List.of("--mode", "closed", "--target", app.targets(), "--jwt-file",
				this.jwtFile.toString(), "--users", Integer.toString(users), "--warmup", Double.toString(warmup),
				"--measure", Double.toString(measure)));
		args.addAll(flow);
		ChildProcess generator = start(name, java(SuiteSettings.LOAD_GENERATOR_FLAGS, LoadGenerator.class, args),
				onLine);
		loadPid.set(generator.pid());
		try {
			String line = generator.awaitLineStartingWith("RESULT ",
					Duration.ofSeconds(Math.round(warmup + measure) + 300));
			Results.ClosedLoop result = JSON.readValue(line.substring("RESULT ".length()), Results.ClosedLoop.class);
			long[] start = opened.get();
			long[] end = closed.get();
			if (start == null || end == null) {
				throw new IllegalStateException("No CPU samples for the window of " + name);
			}
			CpuUse cpu = cpuUse(start, end, threadsOpened.get(), threadsClosed.get());
			double cpuMsPerLogin = (result.logins() > 0) ? cpu.appSeconds() * 1000 / result.logins() : 0;
			double allocatedPerLogin = (result.logins() > 0 && allocatedOpened.get() >= 0)
					? (double) (allocatedClosed.get() - allocatedOpened.get()) / result.logins() : 0;
			return new LoadRun(app.subject.key, users, round, result, cpu, cpuMsPerLogin, allocatedPerLogin);
		}
		finally {
			generator.awaitExit(Duration.ofSeconds(30));
			stop(generator);
		}
	}

	/**
	 * CPU ticks of the app, the simulator, the load generator and the busy machine, and
	 * the time of the sample.
	 */
	private long[] sample(long appPid, long loadPid) {
		return sample(appPid, simulator().pid(), loadPid);
	}

	private long[] sample(long appPid, long simulatorPid, long loadPid) {
		long now = System.nanoTime();
		return new long[] { this.clock.processTicks(appPid), this.clock.processTicks(simulatorPid),
				this.clock.processTicks(loadPid), this.clock.machineTicks().busy(), now };
	}

	private CpuUse cpuUse(long[] start, long[] end, Map<String, Long> threadsStart, Map<String, Long> threadsEnd) {
		Map<String, Double> byThreadGroup = new TreeMap<>();
		threadsEnd.forEach((group, ticks) -> byThreadGroup.put(group,
				this.clock.seconds(ticks - threadsStart.getOrDefault(group, 0L))));
		return new CpuUse((end[4] - start[4]) / 1e9, this.clock.seconds(end[0] - start[0]),
				this.clock.seconds(end[1] - start[1]), this.clock.seconds(end[2] - start[2]),
				this.clock.seconds(end[3] - start[3]), this.cores, byThreadGroup);
	}

	private void checkVariants(Map<Subject, App> apps) {
		for (App app : apps.values()) {
			HttpResponse<String> prometheus = send(HttpRequest.newBuilder(app.uri("/actuator/prometheus")).GET().build());
			boolean observed = prometheus.statusCode() == 200
					&& prometheus.body().contains("http_server_requests_seconds_count");
			String detail = (prometheus.statusCode() == 200) ? "Prometheus scrape answered 200"
					+ (observed ? " with http_server_requests (and http_client_requests: "
							+ prometheus.body().contains("http_client_requests_seconds_count") + ")" : "")
					: "Prometheus scrape answered " + prometheus.statusCode();
			boolean expected = observed == (app.subject.variant == com.altscodex.benchmarks.server.Variant.OBSERVED);
			List<String> starterMetrics = (prometheus.statusCode() == 200) ? prometheus.body()
				.lines()
				.filter((line) -> line.startsWith("altscodex_"))
				.map((line) -> line.split("[{ ]", 2)[0])
				.distinct()
				.sorted()
				.toList() : List.of();
			this.results.checks.add(app.subject.label + ": metrics and observation "
					+ (observed ? "active" : "off") + " (" + detail
					+ (observed ? "; the starter's own meters: " + (starterMetrics.isEmpty() ? "none" : starterMetrics)
							: "")
					+ ")" + (expected ? "" : " - NOT AS INTENDED"));
			if (!expected) {
				this.results.problems.add("Variant " + app.subject.key + " is not what it claims: " + detail);
			}
		}
	}

	private void profile(Map<Subject, App> apps) {
		for (Subject subject : Subject.measured()) {
			App app = apps.get(subject);
			stage("profile " + subject.key, () -> this.results.profiles
				.add(profileRun(app, subject.key + "-" + PROFILE_USERS + "-users.jfr", List.of())));
		}
	}

	/**
	 * A {@value #PROFILE_USERS}-user run of one app under JFR, after a warm-up under a
	 * throw-away recording (the first recording of a JVM deoptimizes compiled code);
	 * {@code flow} are the load generator's arguments for what each user does.
	 */
	private ProfileRun profileRun(App app, String fileName, List<String> flow) {
		Path profiles = this.settings.root().resolve("benchmarks/target/profiles");
		Path jfr = profiles.resolve(fileName);
		try {
			Files.createDirectories(profiles);
			Files.deleteIfExists(jfr);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		jcmd(app.process.pid(), "JFR.start", "name=warm-up", "settings=profile");
		try {
			closedLoop(app, PROFILE_USERS, 1, this.settings.quick() ? 10 : 20, "profile-warm-up", 1, flow);
		}
		finally {
			jcmd(app.process.pid(), "JFR.stop", "name=warm-up");
		}
		jcmd(app.process.pid(), "JFR.start", "name=bench", "settings=profile", "filename=" + jfr);
		LoadRun run;
		try {
			run = closedLoop(app, PROFILE_USERS, 5, Math.min(15, this.settings.measureSeconds()), "profiled", 1, flow);
		}
		finally {
			jcmd(app.process.pid(), "JFR.stop", "name=bench");
		}
		long logins = run.result().logins() + run.result().warmupLogins();
		try {
			JfrSummary summary = JfrSummary.of(jfr);
			log("Profiled " + app.subject.label + ": " + jfr);
			return new ProfileRun(app.subject.key, PROFILE_USERS, this.settings.root().relativize(jfr).toString(), logins,
					summary.executionSamples, summary.components(), summary.topSelfMethods(),
					summary.starterInclusiveShare(), summary.topStarterInclusive(),
					(logins > 0) ? (double) summary.allocatedBytes / logins : 0, summary.topAllocationSites(),
					summary.gcCount, summary.gcPauseMs);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void burst(Map<Subject, App> apps) {
		for (Subject subject : Subject.measured()) {
			App app = apps.get(subject);
			awaitPending(app, 0, Duration.ofSeconds(60));
			ChildProcess generator = start("burst-" + subject.key, java(SuiteSettings.LOAD_GENERATOR_FLAGS,
					LoadGenerator.class, List.of("--mode", "burst", "--target", app.baseUrl(), "--jwt-file",
							this.jwtFile.toString(), "--count", Integer.toString(this.settings.burstLogins()),
							"--timeout-seconds", Integer.toString(SuiteSettings.BURST_TIMEOUT_SECONDS))),
					null);
			try {
				String line = generator.awaitLineStartingWith("RESULT ", Duration.ofMinutes(5));
				Results.Burst result = JSON.readValue(line.substring("RESULT ".length()), Results.Burst.class);
				this.results.burst.add(new BurstRun(subject.key, result));
				log(String.format("%-26s burst of %d: %d OK, %d refused, %d transport errors, %d lost, p99 %.1f ms, all in %.2f s",
						subject.label, result.logins(), result.answeredOk(), result.errors().refused(),
						result.errors().transportErrors(), result.errors().lost(), result.latency().p99(),
						result.totalSeconds()));
			}
			finally {
				generator.awaitExit(Duration.ofSeconds(30));
				stop(generator);
			}
		}
	}

	// memory

	private void memory() {
		for (Subject subject : Subject.measured()) {
			stage("memory " + subject.key, () -> memory(subject));
		}
		stage("memory of the client alone", () -> {
			simulatorCommand("withhold on", "withhold=true");
			try {
				clientAlone(this.settings.memoryLoginsH1());
			}
			finally {
				simulatorCommand("withhold off", "withhold=false");
			}
		});
	}

	private void clientAlone(int logins) {
		String url = "http://127.0.0.1:" + this.simulatorPort;
		ChildProcess process = start("client-footprint", java(SuiteSettings.MEMORY_APP_FLAGS, ClientFootprint.class,
				List.of("--auth-server-url", url, "--client-id", CLIENT_ID, "--client-secret", this.clientSecret,
						"--jwt-file", this.jwtFile.toString(), "--logins", Integer.toString(logins))),
				null);
		try {
			process.awaitLineStartingWith("BASELINE", Duration.ofMinutes(3));
			HeapHistogram before = histogram(process.pid());
			process.send("go");
			process.awaitLineStartingWith("HELD", Duration.ofMinutes(5));
			HeapHistogram during = histogram(process.pid());
			process.send("done");
			JsonNode result = JSON.readTree(
					process.awaitLineStartingWith("RESULT ", Duration.ofMinutes(2)).substring("RESULT ".length()));
			int pending = result.get("pending").asInt();
			this.results.clientAlone = new MemoryRun("client alone", "none (no inbound request)", logins, pending,
					result.get("heapBefore").asLong(), result.get("heapAfter").asLong(),
					result.get("bytesPerLogin").asDouble(), 0, result.get("failed").asLong(),
					(pending > 0) ? during.growthSince(before, pending, 12) : List.of(),
					(pending == logins) ? null : "only " + pending + " of " + logins + " pending");
			log(String.format("Client alone: %,d pending, %,.0f bytes per login", pending,
					result.get("bytesPerLogin").asDouble()));
		}
		finally {
			process.awaitExit(Duration.ofSeconds(30));
			stop(process);
		}
	}

	/*
	 * A fresh app per protocol: an app with h2c enabled prepares an HTTP/2 upgrade codec
	 * on every HTTP/1.1 connection, which would inflate the HTTP/1.1 figure.
	 */
	private void memory(Subject subject) {
		for (boolean h2c : new boolean[] { false, true }) {
			String protocol = h2c ? "h2c" : "HTTP/1.1";
			int logins = h2c ? this.settings.memoryLoginsH2c() : this.settings.memoryLoginsH1();
			App app = startApp(subject, true, h2c);
			try {
				awaitReady(app);
				// load every class and warm the pools up before the baseline
				closedLoop(app, 16, 2, this.settings.quick() ? 2 : 5, "warm-up");
				simulatorCommand("withhold on", "withhold=true");
				try {
					this.results.memory.add(held(app, protocol, logins));
				}
				finally {
					simulatorCommand("withhold off", "withhold=false");
				}
			}
			finally {
				stop(app.process);
			}
		}
	}

	private MemoryRun held(App app, String protocol, int logins) {
		awaitPending(app, 0, Duration.ofSeconds(120));
		long baseline = collect(app);
		HeapHistogram before = histogram(app.process.pid());
		String name = "hold-" + app.process.name();
		ChildProcess generator = start(name, java(SuiteSettings.HOLDING_LOAD_GENERATOR_FLAGS, LoadGenerator.class,
				List.of("--mode", "hold", "--target", app.baseUrl(), "--jwt-file", this.jwtFile.toString(), "--count",
						Integer.toString(logins), "--protocol", protocol.equals("h2c") ? "h2c" : "h1", "--batch",
						protocol.equals("h2c") ? "2000" : "1000", "--streams-per-connection",
						Integer.toString(SuiteSettings.H2C_STREAMS_PER_CONNECTION))),
				null);
		long heldHeap;
		int pendingSeen;
		long answered;
		HeapHistogram during;
		try {
			String heldLine = generator.awaitLineStartingWith("HELD ", Duration.ofMinutes(10));
			answered = Long.parseLong(heldLine.replaceAll(".*answered=(\\d+).*", "$1"));
			sleep(Duration.ofSeconds(2));
			heldHeap = collect(app);
			pendingSeen = pending(app);
			during = histogram(app.process.pid());
			generator.send("release");
			generator.awaitLineStartingWith("RESULT ", Duration.ofMinutes(2));
			generator.awaitExit(Duration.ofMinutes(1));
		}
		catch (RuntimeException ex) {
			int pendingNow = safePending(app);
			stop(generator);
			awaitPending(app, 0, Duration.ofSeconds(120));
			return new MemoryRun(app.subject.key, protocol, logins, pendingNow, baseline, 0, 0, safePending(app), 0,
					List.of(), ex.getMessage());
		}
		finally {
			stop(generator);
		}
		int after = awaitPending(app, 0, Duration.ofSeconds(120));
		double perLogin = (pendingSeen > 0) ? (double) (heldHeap - baseline) / pendingSeen : 0;
		List<ClassDelta> classes = (pendingSeen > 0 && !during.isEmpty() && !before.isEmpty())
				? during.growthSince(before, pendingSeen, 12) : List.of();
		log(String.format("%-26s %,7d pending over %-8s: %,.0f bytes per login (heap %,d -> %,d), %d pending after release",
				app.subject.label, pendingSeen, protocol, perLogin, baseline, heldHeap, after));
		return new MemoryRun(app.subject.key, protocol, logins, pendingSeen, baseline, heldHeap, perLogin, after,
				answered, classes, (pendingSeen == logins) ? null : "only " + pendingSeen + " of " + logins + " pending");
	}

	private void registryFootprint() {
		ChildProcess process = start("registry-footprint", java(SuiteSettings.REGISTRY_FLAGS, RegistryFootprint.class,
				List.of("--entries", Integer.toString(this.settings.registryEntries()))), null);
		try {
			String line = process.awaitLineStartingWith("RESULT ", Duration.ofMinutes(5));
			JsonNode node = JSON.readTree(line.substring("RESULT ".length()));
			List<ClassDelta> breakdown = new ArrayList<>();
			for (JsonNode row : node.get("breakdown")) {
				breakdown.add(new ClassDelta(row.get("className").asString(), row.get("bytesPerLogin").asDouble(),
						row.get("instancesPerLogin").asDouble()));
			}
			JsonNode jol = node.get("bytesPerEntryJol");
			this.results.registry = new RegistryEntrySize(node.get("entries").asInt(),
					node.get("bytesPerEntryHeap").asDouble(), (jol == null || jol.isNull()) ? null : jol.asDouble(),
					breakdown,
					"register(client, state, limit) and a subscriber on the pending login's callback(), as "
							+ "DefaultAltsCodexClient does, for " + node.get("entries").asInt()
							+ " fresh states; (a) used heap after System.gc() with the "
							+ "entries minus without, per entry; (b) JOL GraphLayout of everything reachable from the "
							+ "registry, per entry" + (node.get("jolError").isNull() ? ""
									: " (JOL failed: " + node.get("jolError").asString() + ")"));
			log(String.format("Registry entry alone: %.0f bytes (heap), %s bytes (JOL)",
					this.results.registry.bytesPerEntryHeap(), this.results.registry.bytesPerEntryJol()));
		}
		finally {
			process.awaitExit(Duration.ofSeconds(30));
			stop(process);
		}
	}

	// flood

	/*
	 * The flood has a simulator of its own: it records its traffic, so that it can count
	 * the authorize requests it received, and it issues a JWT for every login of the
	 * flood (distinct users). Per starter variant, two fresh apps: with the bound, then
	 * with the bound off (the baseline).
	 */
	private void flood() {
		Path jwts = this.settings.workDir().resolve("jwts-flood.txt");
		int logins = this.settings.floodLogins();
		log("Starting the flood's DeOAuth simulator and issuing " + logins + " JWTs");
		ChildProcess process = start("flood-simulator",
				java(SuiteSettings.SIMULATOR_FLAGS, SimulatorMain.class,
						List.of("--client-id", CLIENT_ID, "--client-secret", this.clientSecret, "--redirect-uri",
								"http://127.0.0.1:*" + CALLBACK_PATH, "--users", Integer.toString(logins), "--jwt-file",
								jwts.toString(), "--record-traffic")),
				null);
		try {
			String ready = process.awaitLineStartingWith("BENCH-READY", Duration.ofSeconds(120));
			FloodSimulator simulator = new FloodSimulator(process,
					Integer.parseInt(ready.replaceAll(".*port=(\\d+).*", "$1")), jwts);
			for (Subject subject : List.of(Subject.PLAIN, Subject.OBSERVED)) {
				for (boolean bounded : new boolean[] { true, false }) {
					stage("flood " + subject.key + (bounded ? "" : " without the bound"),
							() -> this.results.flood.add(flood(simulator, subject, bounded)));
				}
			}
		}
		finally {
			stop(process);
		}
	}

	private FloodRun flood(FloodSimulator simulator, Subject subject, boolean bounded) {
		int logins = this.settings.floodLogins();
		int limit = bounded ? this.settings.floodBound() : SuiteSettings.FLOOD_UNBOUNDED;
		long holdMs = Math.round(this.settings.floodHoldSeconds() * 1000);
		long loginTimeoutMs = Math.round(this.settings.floodLoginTimeoutSeconds() * 1000);
		// every admitted authorize at DeOAuth at once, and none cut before DeOAuth answers it
		List<String> args = List.of("--altscodex.max-pending-logins=" + limit,
				"--altscodex.timeout=" + loginTimeoutMs + "ms", "--altscodex.http.response-timeout=" + loginTimeoutMs + "ms",
				"--altscodex.http.max-connections=" + logins,
				"--altscodex.http.pending-acquire-timeout=" + loginTimeoutMs + "ms",
				// the bench's own filter times the refusals inside the app, in both variants
				"--bench.answer-timing.status=" + BUSY_STATUS);
		App app = startApp(subject, "flood-" + subject.key + (bounded ? "-bounded" : "-unbounded"), simulator.port(),
				SuiteSettings.APP_FLAGS, args);
		try {
			awaitReady(app, simulator.jwts());
			warmUpForFlood(app, simulator, bounded);
			awaitPending(app, 0, Duration.ofSeconds(60));
			long heapBefore = collect(app);
			HeapHistogram before = histogram(app.process.pid());
			long refusedBefore = refused(app);
			String scrapeBefore = scrape(app);
			command(simulator.process(), "clear", "cleared");
			command(simulator.process(), "latency " + holdMs, "latency=");
			AtomicLong generatorPid = new AtomicLong();
			AtomicReference<long[]> fired = new AtomicReference<>();
			AtomicReference<Map<String, Long>> threadsFired = new AtomicReference<>();
			AtomicLong answered = new AtomicLong();
			Consumer<String> onLine = (line) -> {
				if (line.equals("FIRING")) {
					fired.set(sample(app.process.pid(), simulator.process().pid(), generatorPid.get()));
					threadsFired.set(this.clock.threadGroupTicks(app.process.pid()));
				}
				else if (line.startsWith("PROGRESS answered=")) {
					answered.set(Long.parseLong(line.substring("PROGRESS answered=".length()).strip()));
				}
			};
			resetAnswerTimes(app);
			long started = System.nanoTime();
			ChildProcess generator = startFlood(app, simulator, "measured", onLine, List.of());
			generatorPid.set(generator.pid());
			try {
				releaseBeyond(generator, simulator, 0, app);
				// the peak: every login of the flood registered or refused, and every refusal answered
				long deadline = started + Duration.ofMillis(holdMs / 2).toNanos();
				boolean peaked = false;
				while (!peaked && System.nanoTime() < deadline) {
					long refusedNow = refused(app) - refusedBefore;
					peaked = pending(app) + refusedNow >= logins && answered.get() >= refusedNow;
					if (!peaked) {
						sleep(Duration.ofMillis(50));
					}
				}
				long[] peakSample = sample(app.process.pid(), simulator.process().pid(), generator.pid());
				Map<String, Long> threadsAtPeak = this.clock.threadGroupTicks(app.process.pid());
				CpuUse front = (fired.get() != null) ? cpuUse(fired.get(), peakSample, threadsFired.get(), threadsAtPeak)
						: null;
				int pendingAtPeak = pending(app);
				// every refusal is answered by now, and no held login has ended
				AnswerTimes refusalTimes = answerTimes(app);
				long heapAtPeak = collect(app);
				HeapHistogram peak = histogram(app.process.pid());
				SimulatorCounts atPeak = counts(simulator);
				double peakSeconds = (System.nanoTime() - started) / 1e9;
				// the held authorize requests keep their latency; the code exchanges after them are answered at once
				command(simulator.process(), "latency 0", "latency=");
				String line = generator.awaitLineStartingWith("RESULT ",
						Duration.ofMillis(holdMs + loginTimeoutMs).plusMinutes(2));
				Results.Flood result = JSON.readValue(line.substring("RESULT ".length()), Results.Flood.class);
				int pendingAfter = awaitPending(app, 0, Duration.ofSeconds(60));
				long heapAfter = collect(app);
				SimulatorCounts total = counts(simulator);
				long refusedByApp = refused(app) - refusedBefore;
				String scrapeAfter = scrape(app);
				Double meterBefore = refusedMeter(scrapeBefore);
				Double meterAfter = refusedMeter(scrapeAfter);
				double[] timerBefore = serverTimer(scrapeBefore, BUSY_STATUS);
				double[] timerAfter = serverTimer(scrapeAfter, BUSY_STATUS);
				Double refusalServerMs = (timerBefore != null && timerAfter != null && timerAfter[1] > timerBefore[1])
						? (timerAfter[0] - timerBefore[0]) * 1000 / (timerAfter[1] - timerBefore[1]) : null;
				List<ClassDelta> classes = (pendingAtPeak > 0 && !before.isEmpty() && !peak.isEmpty())
						? peak.growthSince(before, pendingAtPeak, 12) : List.of();
				List<String> errors = new ArrayList<>();
				if (!peaked) {
					errors.add(String.format(Locale.ROOT, "not every login was registered or refused, and every "
							+ "refusal answered, within %.0f s: the peak's figures were taken then", holdMs / 2000.0));
				}
				if (peakSeconds >= this.settings.floodHoldSeconds()) {
					errors.add(String.format(Locale.ROOT, "the peak's figures were taken %.1f s after the flood began, "
							+ "after the hold of %.0f s: some held logins were ending", peakSeconds,
							this.settings.floodHoldSeconds()));
				}
				String error = errors.isEmpty() ? null : String.join("; ", errors);
				FloodRun run = new FloodRun(subject.key, bounded, limit, logins, this.settings.floodHoldSeconds(),
						this.settings.floodLoginTimeoutSeconds(), logins, result, pendingAtPeak, refusedByApp,
						(meterBefore != null && meterAfter != null) ? Math.round(meterAfter - meterBefore) : null,
						refusalServerMs, refusalTimes.latency(), atPeak.authorize(), total.authorize(), total.getToken(),
						heapBefore, heapAtPeak, heapAfter, peakSeconds, front, pendingAfter, classes, error);
				log(String.format(Locale.ROOT,
						"%-26s flood of %d, max %d pending: %s; authorize at DeOAuth %d (%d at the peak); "
								+ "heap %,d -> %,d -> %,d; %d pending after",
						subject.label, logins, limit, describe(result), total.authorize(), atPeak.authorize(),
						heapBefore, heapAtPeak, heapAfter, pendingAfter));
				return run;
			}
			finally {
				generator.awaitExit(Duration.ofSeconds(30));
				stop(generator);
			}
		}
		finally {
			try {
				command(simulator.process(), "latency 0", "latency=");
			}
			catch (RuntimeException ex) {
				log("The flood's simulator did not answer: " + ex.getMessage());
			}
			stop(app.process);
		}
	}

	/*
	 * A closed loop for the login path, then the same flood with a short hold for the
	 * paths a flood takes (accepting every connection at once, refusing beyond the bound).
	 */
	private void warmUpForFlood(App app, FloodSimulator simulator, boolean bounded) {
		Thread control = startControlTraffic(app);
		try {
			warmUpLoginsForFlood(app, simulator, bounded);
		}
		finally {
			control.interrupt();
			try {
				control.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/*
	 * The suite's own requests to the app (its state, its answer times, its metrics) take
	 * other branches through WebFlux's handler lookup than the logins do. Sent only after
	 * a warm-up of logins alone, they made C2 throw that compiled code away (a JFR
	 * recording of the observed app: AbstractHandlerMethodMapping.lookupHandlerMethod made
	 * not entrant, speculate_null_assert) and compile it again, 0.6 to 1.1 s for each of
	 * the lookup's largest methods, while the measured flood ran. The warm-up sends them
	 * alongside its logins, as the measured flood does.
	 */
	private Thread startControlTraffic(App app) {
		Thread control = new Thread(() -> {
			int round = 0;
			while (!Thread.currentThread().isInterrupted()) {
				try {
					pending(app);
					refused(app);
					if (round++ % SuiteSettings.FLOOD_WARMUP_SCRAPE_EVERY == 0) {
						scrape(app);
						answerTimes(app);
					}
					Thread.sleep(SuiteSettings.FLOOD_WARMUP_POLL_MILLIS);
				}
				catch (InterruptedException ex) {
					return;
				}
				catch (RuntimeException ex) {
					// the app was too busy to answer in time: the next round asks again
				}
			}
		}, "flood-warm-up-control");
		control.setDaemon(true);
		control.start();
		return control;
	}

	private void warmUpLoginsForFlood(App app, FloodSimulator simulator, boolean bounded) {
		ChildProcess loop = start("warm-up-loop-" + app.process.name(),
				java(SuiteSettings.LOAD_GENERATOR_FLAGS, LoadGenerator.class,
						List.of("--mode", "closed", "--target", app.baseUrl(), "--jwt-file", simulator.jwts().toString(),
								"--users", "16", "--warmup", "1", "--measure", this.settings.quick() ? "3" : "5")),
				null);
		try {
			loop.awaitLineStartingWith("RESULT ", Duration.ofMinutes(2));
		}
		finally {
			loop.awaitExit(Duration.ofSeconds(30));
			stop(loop);
		}
		command(simulator.process(), "latency " + Math.round(this.settings.floodWarmupHoldSeconds() * 1000), "latency=");
		long authorizeBefore = counts(simulator).authorize();
		// the bounded app refuses the logins beyond the bound many times over, the baseline
		// has nothing to refuse
		int rounds = bounded ? this.settings.floodWarmupBeyondRounds() : 1;
		ChildProcess flood = startFlood(app, simulator, "warm-up", null, List.of("--beyond-rounds",
				Integer.toString(rounds)));
		try {
			releaseBeyond(flood, simulator, authorizeBefore, null);
			flood.awaitLineStartingWith("RESULT ",
					Duration.ofMillis(Math.round(this.settings.floodLoginTimeoutSeconds() * 1000)).plusMinutes(2));
		}
		finally {
			flood.awaitExit(Duration.ofSeconds(30));
			stop(flood);
			command(simulator.process(), "latency 0", "latency=");
		}
	}

	private ChildProcess startFlood(App app, FloodSimulator simulator, String tag, @Nullable Consumer<String> onLine,
			List<String> extraArgs) {
		// a held login ends by its login timeout at the latest
		long timeoutSeconds = Math.round(this.settings.floodLoginTimeoutSeconds()) + 30;
		List<String> args = new ArrayList<>(List.of("--mode", "flood", "--target", app.baseUrl(), "--jwt-file",
				simulator.jwts().toString(), "--count", Integer.toString(this.settings.floodLogins()), "--first-wave",
				Integer.toString(this.settings.floodFirstWave()), "--beyond-client", this.settings.floodBeyondClient(),
				"--timeout-seconds", Long.toString(timeoutSeconds)));
		args.addAll(extraArgs);
		return start(tag + "-" + app.process.name(), java(SuiteSettings.LOAD_GENERATOR_FLAGS, LoadGenerator.class, args),
				onLine);
	}

	/*
	 * With a first wave, the load generator fires the rest when told: once DeOAuth holds
	 * the first wave's authorize requests, so that the logins beyond the bound meet an app
	 * done with sending them; in the measured flood, also once the app is quiet (see
	 * awaitQuietFlood).
	 */
	private void releaseBeyond(ChildProcess generator, FloodSimulator simulator, long authorizeBefore,
			@Nullable App quietApp) {
		int firstWave = this.settings.floodFirstWave();
		if (firstWave == 0) {
			return;
		}
		Duration timeout = Duration.ofSeconds(60);
		generator.awaitLineStartingWith("FILLED ", timeout);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (counts(simulator).authorize() - authorizeBefore < firstWave && System.nanoTime() < deadline) {
			sleep(Duration.ofMillis(20));
		}
		if (quietApp != null) {
			String quiet = awaitQuietFlood(quietApp,
					Duration.ofMillis(Math.round(1000 * this.settings.floodQuietTimeoutSeconds())));
			String check = "Flood, " + quietApp.subject.label + " (" + quietApp.process.name() + "): the logins beyond "
					+ "the first wave went " + quiet;
			this.results.checks.add(check);
			log(check);
		}
		generator.send("beyond");
	}

	/*
	 * The first wave's logins can leave the app's C2 compiler busy with what they ran (a
	 * JFR recording of the observed app showed compilations of 0.5 to 1.3 s each, of
	 * WebFlux's handler lookup and the JSON encoder, running through the refusals): a
	 * refusal timed meanwhile measures the compiler on the same two cores. The suite waits
	 * until the app has used less than 5 % of a core for a second, at most the given time,
	 * and says which.
	 */
	private String awaitQuietFlood(App app, Duration timeout) {
		long pid = app.process.pid();
		long jitBefore = this.clock.threadGroupTicks(pid).getOrDefault(CpuClock.ThreadGroup.JIT.label, 0L);
		Quiet quiet = awaitQuiet(app, timeout, Duration.ofSeconds(1), 4);
		double jit = this.clock.seconds(
				this.clock.threadGroupTicks(pid).getOrDefault(CpuClock.ThreadGroup.JIT.label, 0L) - jitBefore);
		return (quiet.reached() ? "once the app had used less than 5 % of a core for 1 s, "
				+ Verdicts.number(quiet.seconds(), 1) + " s after DeOAuth held the first wave"
				: "after " + Verdicts.number(quiet.seconds(), 1) + " s although the app was still busy")
				+ " (its JIT compilers used " + Verdicts.number(jit, 2) + " s of CPU meanwhile)";
	}

	private static SimulatorCounts counts(FloodSimulator simulator) {
		return SimulatorCounts.parse(command(simulator.process(), "count", "count "));
	}

	private static String describe(Results.Flood result) {
		StringBuilder text = new StringBuilder();
		for (Results.AnswerKind answer : result.answers()) {
			text.append((text.length() > 0) ? ", " : "")
				.append(answer.count())
				.append(' ')
				.append(answer.kind())
				.append(String.format(Locale.ROOT, " (p99 %.1f ms", answer.latency().p99()))
				.append((answer.latencyFromWritten() != null)
						? String.format(Locale.ROOT, ", from written %.1f ms)", answer.latencyFromWritten().p99()) : ")");
		}
		return text.toString();
	}

	// security

	/*
	 * The security stage: sign-in through the starter's Spring Security chain next to the
	 * plain app's own route, and requests of signed-in sessions through the starter's chain
	 * next to Spring Security's own form login, in rounds whose order rotates; then a
	 * flood from one client address against the limit per address. Its checks and
	 * problems stay with its results, so that a later run can merge them alone.
	 */
	private void security() {
		SecurityResults security = new SecurityResults();
		this.results.security = security;
		Notes notes = new Notes(security.checks, security.problems);
		Instant started = Instant.now();
		security.machine = EnvironmentProbe.load(this.clock, Duration.ofSeconds(3));
		log("Security stage; the machine before it: " + describe(security.machine));
		try {
			if (this.simulator == null) {
				startSimulator();
			}
			stage("security: logins and sessions", () -> loginsAndSessions(security, notes), notes);
		}
		finally {
			stop(this.simulator);
			this.simulator = null;
		}
		stage("security: flood from one address", () -> security.ipFlood = ipFlood(notes), notes);
		Instant finished = Instant.now();
		security.run = new SuiteResults.RunInfo(TIMESTAMP.format(started.truncatedTo(ChronoUnit.SECONDS)),
				TIMESTAMP.format(finished.truncatedTo(ChronoUnit.SECONDS)),
				Duration.between(started, finished).toSeconds() / 60.0, this.settings.command(), this.settings.quick(),
				List.of(Stage.SECURITY.name()), this.settings.profile(), this.settings.describe());
		security.gitCommit = Objects.requireNonNull(this.results.environment).gitCommit();
	}

	private static String describe(SecurityResults.MachineLoad machine) {
		StringBuilder text = new StringBuilder("load average ").append(machine.loadAverage())
			.append(", ")
			.append(Verdicts.percent(machine.busyShare()))
			.append(" of the cores busy over ")
			.append(Verdicts.number(machine.sampleSeconds(), 0))
			.append(" s");
		for (SecurityResults.ProcessShare process : machine.busiest()) {
			text.append("; ").append(process.name()).append(' ').append(Verdicts.percent(process.share()));
		}
		return text.toString();
	}

	private void loginsAndSessions(SecurityResults security, Notes notes) {
		Map<Subject, App> apps = new EnumMap<>(Subject.class);
		try {
			String limit = Long.toString(SuiteSettings.SECURITY_LOAD_RATE_LIMIT);
			apps.put(Subject.PLAIN, startApp(Subject.PLAIN, "security-plain", this.simulatorPort, SuiteSettings.APP_FLAGS,
					List.of()));
			apps.put(Subject.SECURED, startApp(Subject.SECURED, "security-secured", this.simulatorPort,
					SuiteSettings.APP_FLAGS, List.of("--altscodex.security.rate-limit.capacity=" + limit,
							"--altscodex.security.rate-limit.refill-tokens=" + limit)));
			apps.put(Subject.FORM_LOGIN, startApp(Subject.FORM_LOGIN, "security-form-login", this.simulatorPort,
					SuiteSettings.APP_FLAGS, List.of()));
			log("Starting the security stage's apps: " + apps.keySet());
			for (App app : apps.values()) {
				awaitReady(app, this.jwtFile, notes);
				notes.checks().add(securityCheck(app));
			}
			warmUp(apps.get(Subject.PLAIN), List.of(loginFlow(Subject.PLAIN)), ", logging in", notes);
			warmUp(apps.get(Subject.SECURED), List.of(loginFlow(Subject.SECURED), sessionFlow(Subject.SECURED)),
					", logging in and requesting in sessions in turn", notes);
			warmUp(apps.get(Subject.FORM_LOGIN), List.of(sessionFlow(Subject.FORM_LOGIN)), ", requesting in sessions",
					notes);
			int users = this.settings.securityUsers();
			List<Subject> logins = List.of(Subject.PLAIN, Subject.SECURED);
			List<Subject> sessions = List.of(Subject.SECURED, Subject.FORM_LOGIN);
			for (int round = 1; round <= this.settings.securityRounds(); round++) {
				for (int i = 0; i < logins.size(); i++) {
					Subject subject = logins.get((i + round - 1) % logins.size());
					LoadRun run = closedLoop(apps.get(subject), users, this.settings.warmupSeconds(),
							this.settings.measureSeconds(), "login-round-" + round, round, loginFlow(subject));
					security.logins.add(run);
					log(String.format(Locale.ROOT, "%-26s %4d users, logins (round %d): %8.1f logins/s, p99 %7.2f ms, "
							+ "app CPU %.3f ms/login, errors %d", subject.label, users, round,
							run.result().loginsPerSecond(), run.result().latency().p99(), run.appCpuMsPerLogin(),
							run.result().errors().total()));
				}
				for (int i = 0; i < sessions.size(); i++) {
					Subject subject = sessions.get((i + round - 1) % sessions.size());
					LoadRun run = closedLoop(apps.get(subject), users, this.settings.warmupSeconds(),
							this.settings.measureSeconds(), "session-round-" + round, round, sessionFlow(subject));
					security.sessions.add(run);
					log(String.format(Locale.ROOT, "%-26s %4d sessions (round %d): %8.1f requests/s, p99 %7.2f ms, "
							+ "app CPU %.3f ms/request, errors %d", subject.label, users, round,
							run.result().loginsPerSecond(), run.result().latency().p99(), run.appCpuMsPerLogin(),
							run.result().errors().total()));
				}
			}
			boolean missed = Verdicts.figures(security.sessions, Subject.SECURED, users)
				.flatMap((starter) -> Verdicts.figures(security.sessions, Subject.FORM_LOGIN, users)
					.map((own) -> starter.loginsPerSecond() < Verdicts.SESSION_FRACTION * own.loginsPerSecond()))
				.orElse(false);
			if (this.settings.profile() || (missed && !this.settings.noProfile())) {
				for (Subject subject : sessions) {
					stage("security: profile " + subject.key, () -> security.profiles.add(profileRun(apps.get(subject),
							"security-" + subject.key + "-sessions.jfr", sessionFlow(subject))), notes);
				}
			}
		}
		finally {
			apps.values().forEach((app) -> stop(app.process));
		}
	}

	private static List<String> loginFlow(Subject subject) {
		return (subject.security == Security.STARTER) ? List.of("--flow", "secured-login") : List.of();
	}

	private static List<String> sessionFlow(Subject subject) {
		return List.of("--flow", "session", "--security", subject.security.propertyValue());
	}

	/**
	 * What an app of the security stage runs with, as its readiness showed it.
	 */
	private static String securityCheck(App app) {
		return switch (app.subject.security) {
			case NONE -> app.subject.label + " (" + app.process.name() + "): no Spring Security (no WebFilterChainProxy; "
					+ "Spring Boot's security auto-configurations and the starter's excluded), its own POST /login";
			case STARTER -> app.subject.label + " (" + app.process.name() + "): Spring Security with the starter's "
					+ "default chain (WebFilterChainProxy present); GET " + SecuredBenchConfiguration.HELLO_PATH
					+ " without a session answered 401 with the CSRF cookie, a first sign-in through POST /login "
					+ "answered 200 with a SESSION cookie";
			case FORM_LOGIN -> app.subject.label + " (" + app.process.name() + "): Spring Security with its own form "
					+ "login chain (WebFilterChainProxy present, the starter's security off); GET "
					+ SecuredBenchConfiguration.HELLO_PATH + " without a session was not answered 200";
		};
	}

	/*
	 * The flood from one address has a simulator of its own, as the pending-login flood
	 * does, behind a holding proxy: the app's authorize requests of the flood's JWTs are
	 * held there while those of the users' JWTs go through at once, and the proxy counts
	 * both apart; the simulator issues a JWT for every login.
	 */
	private SecurityResults.IpFloodRun ipFlood(Notes notes) {
		int count = this.settings.ipFloodLogins();
		int users = this.settings.ipFloodUsers();
		Path jwts = this.settings.workDir().resolve("jwts-ip-flood.txt");
		log("Starting the IP flood's DeOAuth simulator and issuing " + (count + users) + " JWTs");
		ChildProcess process = start("ip-flood-simulator",
				java(SuiteSettings.SIMULATOR_FLAGS, SimulatorMain.class,
						List.of("--client-id", CLIENT_ID, "--client-secret", this.clientSecret, "--redirect-uri",
								"http://127.0.0.1:*" + CALLBACK_PATH, "--users", Integer.toString(count + users),
								"--jwt-file", jwts.toString(), "--holding-proxy")),
				null);
		try {
			String ready = process.awaitLineStartingWith("BENCH-READY", Duration.ofSeconds(120));
			FloodSimulator simulator = new FloodSimulator(process,
					Integer.parseInt(ready.replaceAll(".*port=(\\d+).*", "$1")), jwts);
			long loginTimeoutMs = Math.round(this.settings.ipFloodLoginTimeoutSeconds() * 1000);
			App app = startApp(Subject.SECURED, "ip-flood-secured", simulator.port(), SuiteSettings.APP_FLAGS,
					List.of("--altscodex.timeout=" + loginTimeoutMs + "ms",
							"--altscodex.http.response-timeout=" + loginTimeoutMs + "ms",
							"--bench.answer-timing.status=" + RATE_LIMITED_STATUS));
			try {
				awaitReady(app, jwts, notes);
				notes.checks().add(securityCheck(app) + "; the limit per address at its defaults");
				warmUpForIpFlood(app, simulator, notes);
				return measureIpFlood(app, simulator, notes);
			}
			finally {
				stop(app.process);
			}
		}
		finally {
			stop(process);
		}
	}

	/*
	 * The login path from thousands of addresses (none of them limited), then the same
	 * flood from other addresses than the measured one's with a short hold, sent again
	 * many times once it has ended (every login refused), so that the JIT has compiled the
	 * refusals' path as in a flood that lasts.
	 */
	private void warmUpForIpFlood(App app, FloodSimulator simulator, Notes notes) {
		ChildProcess loop = start("warm-up-loop-" + app.process.name(),
				java(SuiteSettings.LOAD_GENERATOR_FLAGS, LoadGenerator.class,
						List.of("--mode", "closed", "--target", app.baseUrl(), "--jwt-file", simulator.jwts().toString(),
								"--users", "16", "--warmup", "1", "--measure", this.settings.quick() ? "3" : "5",
								"--flow", "secured-login", "--source-addresses",
								SuiteSettings.IP_FLOOD_WARMUP_LOGIN_SOURCES)),
				null);
		try {
			String line = loop.awaitLineStartingWith("RESULT ", Duration.ofMinutes(2));
			Results.ClosedLoop result = JSON.readValue(line.substring("RESULT ".length()), Results.ClosedLoop.class);
			if (result.errors().total() > 0) {
				notes.problems().add("Warm-up of the IP flood's app: " + result.errors());
			}
		}
		finally {
			loop.awaitExit(Duration.ofSeconds(30));
			stop(loop);
		}
		long holdMs = Math.round(this.settings.ipFloodWarmupHoldSeconds() * 1000);
		command(simulator.process(), "clear", "cleared");
		hold(simulator, holdMs);
		ChildProcess flood = startIpFlood(app, simulator, "warm-up", SuiteSettings.IP_FLOOD_WARMUP_SOURCE,
				SuiteSettings.IP_FLOOD_WARMUP_USERS_SOURCE, this.settings.ipFloodWarmupExtraRounds(), null);
		try {
			flood.awaitLineStartingWith("READY", Duration.ofMinutes(2));
			flood.send("fire");
			flood.awaitLineStartingWith("USERS-DONE", Duration.ofMinutes(2));
			// the logins held so far keep their hold; those the refill lets through in the
			// rounds that follow go on at once, so that each round takes no longer than its refusals
			command(simulator.process(), "hold off", "hold=");
			flood.awaitLineStartingWith("RESULT ", Duration.ofMillis(holdMs + Math.round(
					this.settings.ipFloodLoginTimeoutSeconds() * 1000 * (1 + this.settings.ipFloodWarmupExtraRounds())))
				.plusMinutes(3));
		}
		finally {
			flood.awaitExit(Duration.ofSeconds(30));
			stop(flood);
			command(simulator.process(), "hold off", "hold=");
		}
		awaitPending(app, 0, Duration.ofSeconds(60));
		String idle = awaitIdle(app, Duration.ofSeconds(this.settings.quick() ? 30 : 60));
		String check = "IP flood, " + app.subject.label + ": warmed up with logins from "
				+ SuiteSettings.IP_FLOOD_WARMUP_LOGIN_SOURCES.replace("+", " and the next ")
				+ " addresses, then the same flood from " + SuiteSettings.IP_FLOOD_WARMUP_SOURCE + " (users from "
				+ SuiteSettings.IP_FLOOD_WARMUP_USERS_SOURCE + ", a hold of " + Verdicts.number(holdMs / 1000.0, 0)
				+ " s) sent " + (1 + this.settings.ipFloodWarmupExtraRounds()) + " times, then " + idle;
		notes.checks().add(check);
		log(check);
	}

	private SecurityResults.IpFloodRun measureIpFlood(App app, FloodSimulator simulator, Notes notes) {
		int count = this.settings.ipFloodLogins();
		int users = this.settings.ipFloodUsers();
		long holdMs = Math.round(this.settings.ipFloodHoldSeconds() * 1000);
		AltsCodexSecurityProperties.RateLimit limit = new AltsCodexSecurityProperties().getRateLimit();
		command(simulator.process(), "clear", "cleared");
		hold(simulator, holdMs);
		resetAnswerTimes(app);
		AtomicLong generatorPid = new AtomicLong();
		AtomicReference<long[]> fired = new AtomicReference<>();
		AtomicReference<Map<String, Long>> threadsFired = new AtomicReference<>();
		AtomicLong answered = new AtomicLong();
		Consumer<String> onLine = (line) -> {
			if (line.equals("FIRING")) {
				fired.set(sample(app.process.pid(), simulator.process().pid(), generatorPid.get()));
				threadsFired.set(this.clock.threadGroupTicks(app.process.pid()));
			}
			else if (line.startsWith("PROGRESS answered=")) {
				answered.set(Long.parseLong(line.substring("PROGRESS answered=".length()).strip()));
			}
		};
		ChildProcess generator = startIpFlood(app, simulator, "measured", SuiteSettings.IP_FLOOD_SOURCE,
				SuiteSettings.IP_FLOOD_USERS_SOURCE, 0, onLine);
		generatorPid.set(generator.pid());
		try {
			generator.awaitLineStartingWith("READY", Duration.ofMinutes(2));
			generator.send("fire");
			generator.awaitLineStartingWith("USERS-DONE", Duration.ofMinutes(2));
			// every refusal answered: the flood's answers and the logins DeOAuth holds make up the flood
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (answered.get() + countUsers(simulator, 0, count) < count && System.nanoTime() < deadline) {
				sleep(Duration.ofMillis(20));
			}
			long[] settled = sample(app.process.pid(), simulator.process().pid(), generator.pid());
			Map<String, Long> threadsSettled = this.clock.threadGroupTicks(app.process.pid());
			CpuUse front = (fired.get() != null) ? cpuUse(fired.get(), settled, threadsFired.get(), threadsSettled)
					: null;
			AnswerTimes refusals = answerTimes(app);
			String line = generator.awaitLineStartingWith("RESULT ",
					Duration.ofMillis(holdMs + Math.round(this.settings.ipFloodLoginTimeoutSeconds() * 1000))
						.plusMinutes(2));
			Results.IpFlood result = JSON.readValue(line.substring("RESULT ".length()), Results.IpFlood.class);
			int pendingAfter = awaitPending(app, 0, Duration.ofSeconds(60));
			long floodAuthorize = countUsers(simulator, 0, count);
			long usersAuthorize = countUsers(simulator, count, count + users);
			SecurityResults.IpFloodRun run = new SecurityResults.IpFloodRun(this.settings.ipFloodHoldSeconds(),
					this.settings.ipFloodLoginTimeoutSeconds(), limit.getCapacity(), limit.getRefillTokens(),
					limit.getRefillPeriod().toNanos() / 1e9, result, floodAuthorize, usersAuthorize, refusals.latency(),
					front, pendingAfter, null);
			log(String.format(Locale.ROOT, "IP flood of %d from %s: %s; users from %s: %s; authorize at DeOAuth: "
					+ "%d of the flood's, %d of the users'; %d pending after", count, result.floodSource(),
					Verdicts.answers(result.flood()), result.usersSource(), Verdicts.answers(result.usersAnswers()),
					floodAuthorize, usersAuthorize, pendingAfter));
			return run;
		}
		finally {
			generator.awaitExit(Duration.ofSeconds(30));
			stop(generator);
			try {
				command(simulator.process(), "hold off", "hold=");
			}
			catch (RuntimeException ex) {
				log("The IP flood's simulator did not answer: " + ex.getMessage());
			}
		}
	}

	/**
	 * Holds the {@code authorize} requests of the flood's JWTs at the simulator's proxy
	 * from now on; the users' go through at once.
	 */
	private void hold(FloodSimulator simulator, long holdMs) {
		command(simulator.process(), "hold 0 " + this.settings.ipFloodLogins() + " " + holdMs, "hold=");
	}

	private ChildProcess startIpFlood(App app, FloodSimulator simulator, String tag, String floodSource,
			String usersSource, int extraRounds, @Nullable Consumer<String> onLine) {
		long timeoutSeconds = Math.round(this.settings.ipFloodLoginTimeoutSeconds()) + 30;
		return start(tag + "-" + app.process.name(), java(SuiteSettings.LOAD_GENERATOR_FLAGS, LoadGenerator.class,
				List.of("--mode", "ip-flood", "--target", app.baseUrl(), "--jwt-file", simulator.jwts().toString(),
						"--count", Integer.toString(this.settings.ipFloodLogins()), "--users",
						Integer.toString(this.settings.ipFloodUsers()), "--flood-source", floodSource, "--users-source",
						usersSource, "--extra-rounds", Integer.toString(extraRounds), "--timeout-seconds",
						Long.toString(timeoutSeconds))),
				onLine);
	}

	/**
	 * The {@code authorize} requests DeOAuth received since it was last cleared, of the
	 * users {@code from} to {@code to} (exclusive) of its JWT file.
	 */
	private static long countUsers(FloodSimulator simulator, int from, int to) {
		return SimulatorCounts.authorizeOfUsers(command(simulator.process(), "count-users " + from + " " + to,
				"count-users "));
	}

	// authz

	/*
	 * The authz stage: requests with a personal access token next to anonymous requests
	 * through the same app, and requests of signed-in sessions with roles next to the same
	 * app without them, in rounds whose order alternates. Its checks and problems stay
	 * with its results, so that a later run can merge them alone.
	 */
	private void authz() {
		AuthzResults authz = new AuthzResults();
		this.results.authz = authz;
		Notes notes = new Notes(authz.checks, authz.problems);
		Instant started = Instant.now();
		authz.machine = EnvironmentProbe.load(this.clock, Duration.ofSeconds(3));
		log("Authz stage; the machine before it: " + describe(authz.machine));
		try {
			if (this.simulator == null) {
				startSimulator();
			}
			stage("authz: tokens and sessions", () -> tokensAndSessions(authz, notes), notes);
		}
		finally {
			stop(this.simulator);
			this.simulator = null;
		}
		Instant finished = Instant.now();
		authz.run = new SuiteResults.RunInfo(TIMESTAMP.format(started.truncatedTo(ChronoUnit.SECONDS)),
				TIMESTAMP.format(finished.truncatedTo(ChronoUnit.SECONDS)),
				Duration.between(started, finished).toSeconds() / 60.0, this.settings.command(), this.settings.quick(),
				List.of(Stage.AUTHZ.name()), this.settings.profile(), this.settings.describe());
		authz.gitCommit = Objects.requireNonNull(this.results.environment).gitCommit();
	}

	/*
	 * Three apps, each started once: one with roles and tokens on that mints a token for
	 * each user of the load generators, asked anonymously and with the tokens in turn;
	 * one with roles on and one with them off, asked by signed-in sessions. The users of
	 * every load generator are the first of the JWT file, and they are the role's.
	 */
	private void tokensAndSessions(AuthzResults authz, Notes notes) {
		int users = this.settings.authzUsers();
		List<JwtEntry> entries = jwtEntries(this.jwtFile, users + 1);
		// the one beyond holds no role: the checks ask for the guarded endpoint as that user too
		List<String> owners = entries.subList(0, users).stream().map(JwtEntry::user).toList();
		Path tokens = this.settings.workDir().resolve("authz-tokens.txt");
		try {
			Files.deleteIfExists(tokens);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String limit = Long.toString(SuiteSettings.SECURITY_LOAD_RATE_LIMIT);
		List<String> chain = List.of("--altscodex.security.rate-limit.capacity=" + limit,
				"--altscodex.security.rate-limit.refill-tokens=" + limit);
		List<String> rbac = new ArrayList<>(chain);
		rbac.add("--" + BenchServers.AUTHORIZATION_PROPERTY + "=" + Authorization.RBAC.propertyValue());
		rbac.add("--" + Authorization.BOOTSTRAP_PROPERTY + "=" + String.join(",", owners));
		List<String> minting = new ArrayList<>(rbac);
		minting.add("--" + AuthorizationBenchConfiguration.TOKEN_FILE_PROPERTY + "=" + tokens);
		List<String> withoutRbac = new ArrayList<>(chain);
		withoutRbac.add("--" + BenchServers.AUTHORIZATION_PROPERTY + "=" + Authorization.WITHOUT_RBAC.propertyValue());
		Map<Subject, App> apps = new EnumMap<>(Subject.class);
		try {
			apps.put(Subject.PAT, startApp(Subject.PAT, "authz-tokens", this.simulatorPort, SuiteSettings.APP_FLAGS,
					minting));
			apps.put(Subject.RBAC, startApp(Subject.RBAC, "authz-rbac", this.simulatorPort, SuiteSettings.APP_FLAGS,
					rbac));
			apps.put(Subject.WITHOUT_RBAC, startApp(Subject.WITHOUT_RBAC, "authz-without-rbac", this.simulatorPort,
					SuiteSettings.APP_FLAGS, withoutRbac));
			log("Starting the authz stage's apps: " + apps.keySet());
			for (App app : apps.values()) {
				awaitReady(app, this.jwtFile, notes);
			}
			App tokensApp = apps.get(Subject.PAT);
			// the same process, asked without a credential
			apps.put(Subject.ANONYMOUS, new App(Subject.ANONYMOUS, tokensApp.port, tokensApp.process));
			notes.checks().add(tokensCheck(tokensApp, tokens, users));
			JwtEntry member = entries.get(0);
			JwtEntry outsider = entries.get(users);
			notes.checks().add(sessionsCheck(apps.get(Subject.RBAC), member, outsider, true));
			notes.checks().add(sessionsCheck(apps.get(Subject.WITHOUT_RBAC), member, outsider, false));
			warmUp(tokensApp, List.of(authzFlow(Subject.ANONYMOUS, tokens), authzFlow(Subject.PAT, tokens)),
					", requesting anonymously and with tokens in turn", notes);
			for (Subject subject : List.of(Subject.RBAC, Subject.WITHOUT_RBAC)) {
				warmUp(apps.get(subject), List.of(authzFlow(subject, tokens)), ", requesting in sessions", notes);
			}
			List<List<Subject>> comparisons = List.of(List.of(Subject.ANONYMOUS, Subject.PAT),
					List.of(Subject.WITHOUT_RBAC, Subject.RBAC));
			for (int round = 1; round <= this.settings.authzRounds(); round++) {
				for (List<Subject> comparison : comparisons) {
					List<LoadRun> runs = (comparison.contains(Subject.PAT)) ? authz.pat : authz.rbac;
					for (int i = 0; i < comparison.size(); i++) {
						Subject subject = comparison.get((i + round - 1) % comparison.size());
						LoadRun run = closedLoop(apps.get(subject), users, this.settings.warmupSeconds(),
								this.settings.measureSeconds(), subject.key + "-round-" + round, round,
								authzFlow(subject, tokens));
						runs.add(run);
						log(String.format(Locale.ROOT, "%-26s %4d users (round %d): %8.1f requests/s, p99 %7.2f ms, "
								+ "app CPU %.3f ms/request, errors %d", subject.label, users, round,
								run.result().loginsPerSecond(), run.result().latency().p99(), run.appCpuMsPerLogin(),
								run.result().errors().total()));
					}
				}
			}
			boolean missed = Verdicts.authzMissed(authz);
			if (this.settings.profile() || (missed && !this.settings.noProfile())) {
				for (Subject subject : List.of(Subject.ANONYMOUS, Subject.PAT, Subject.WITHOUT_RBAC, Subject.RBAC)) {
					stage("authz: profile " + subject.key, () -> authz.profiles.add(profileRun(apps.get(subject),
							"authz-" + subject.key + ".jfr", authzFlow(subject, tokens))), notes);
				}
			}
		}
		finally {
			// the anonymous requests' app is the tokens' process: stopped once
			apps.values().stream().map(App::process).distinct().forEach(this::stop);
		}
	}

	// cluster

	/*
	 * The cluster stage: full logins on several instances with pending logins on Redis,
	 * each callback landing on another instance than the login's, next to the same
	 * instances in memory, each callback on the login's own; then requests of signed-in
	 * sessions with Redis sessions next to in-memory ones. Rounds alternate the order. Its
	 * checks and problems stay with its results, so that a later run can merge them alone.
	 */
	private void cluster() {
		ClusterResults cluster = new ClusterResults();
		this.results.cluster = cluster;
		Notes notes = new Notes(cluster.checks, cluster.problems);
		Instant started = Instant.now();
		cluster.machine = EnvironmentProbe.load(this.clock, Duration.ofSeconds(3));
		log("Cluster stage; the machine before it: " + describe(cluster.machine));
		try {
			// before anything starts: a stage without its Redis fails here, saying so
			RedisServer redis = RedisServer.probe(this.settings.clusterRedisUrl(), Duration.ofSeconds(2));
			cluster.redis = redis.describe();
			log("Redis for the cluster stage: " + cluster.redis);
			String keyPrefix = "bench:" + randomSecret().substring(0, 12) + ":";
			if (this.simulator == null) {
				startSimulator();
			}
			try {
				stage("cluster: logins", () -> clusterComparison(cluster, notes, redis, keyPrefix,
						List.of(Subject.CLUSTER_MEMORY, Subject.CLUSTER_REDIS), cluster.logins), notes);
				stage("cluster: sessions", () -> clusterComparison(cluster, notes, redis, keyPrefix,
						List.of(Subject.MEMORY_SESSIONS, Subject.REDIS_SESSIONS), cluster.sessions), notes);
			}
			finally {
				long deleted = redis.deleteKeys(keyPrefix);
				log("Deleted the stage's " + deleted + " keys under " + keyPrefix + " in Redis");
			}
		}
		finally {
			stop(this.simulator);
			this.simulator = null;
		}
		Instant finished = Instant.now();
		cluster.run = new SuiteResults.RunInfo(TIMESTAMP.format(started.truncatedTo(ChronoUnit.SECONDS)),
				TIMESTAMP.format(finished.truncatedTo(ChronoUnit.SECONDS)),
				Duration.between(started, finished).toSeconds() / 60.0, this.settings.command(), this.settings.quick(),
				List.of(Stage.CLUSTER.name()), this.settings.profile(), this.settings.describe());
		cluster.gitCommit = Objects.requireNonNull(this.results.environment).gitCommit();
	}

	/*
	 * Two apps of --cluster-instances instances each, in one JVM each (the instances'
	 * CPU is the process's): the reference in memory and the same on Redis, whose
	 * callbacks the simulator sends to the next instance. The load generator's users take
	 * the instances in turn; with sessions, the Redis app's users request on the next
	 * instance after the one they signed in on.
	 */
	private void clusterComparison(ClusterResults cluster, Notes notes, RedisServer redis, String keyPrefix,
			List<Subject> subjects, List<LoadRun> runs) {
		int users = this.settings.clusterUsers();
		int instances = this.settings.clusterInstances();
		String limit = Long.toString(SuiteSettings.SECURITY_LOAD_RATE_LIMIT);
		Map<Subject, App> apps = new EnumMap<>(Subject.class);
		try {
			for (Subject subject : subjects) {
				List<Integer> ports = new ArrayList<>();
				for (int i = 0; i < instances; i++) {
					ports.add(freePort());
				}
				List<String> args = new ArrayList<>(List.of("--" + BenchServers.STORE_PROPERTY + "="
						+ subject.store.propertyValue(), "--" + BenchServers.CLUSTER_PORTS_PROPERTY + "="
								+ ports.stream().map(String::valueOf).collect(Collectors.joining(","))));
				if (subject.store == Store.REDIS) {
					args.add("--spring.data.redis.url=" + this.settings.clusterRedisUrl());
					args.add("--" + Store.KEY_PREFIX_PROPERTY + "=" + keyPrefix + subject.key + ":");
					// the callbacks reach an instance while the others' load queues on the same cores
					args.add("--altscodex.pending.redis.command-timeout=10s");
				}
				if (subject.security == Security.STARTER) {
					args.add("--altscodex.security.rate-limit.capacity=" + limit);
					args.add("--altscodex.security.rate-limit.refill-tokens=" + limit);
				}
				App started = startApp(subject, "cluster-" + subject.key, ports.get(0), this.simulatorPort,
						SuiteSettings.APP_FLAGS, args);
				apps.put(subject, new App(subject, started.port(), started.process(), ports.subList(1, ports.size())));
			}
			App onRedis = apps.get(subjects.get(1));
			String mapping = onRedis.ports().stream().map(String::valueOf).collect(Collectors.joining(","));
			simulatorCommand("callback-next " + mapping, "callback-next=");
			log("Starting the cluster stage's apps: " + apps.keySet() + "; callbacks of " + onRedis.subject.label
					+ " to the next instance (" + mapping + ")");
			for (App app : apps.values()) {
				String ready = awaitReady(app, this.jwtFile, notes);
				notes.checks().add(clusterCheck(app, ready));
			}
			for (Subject subject : subjects) {
				warmUp(apps.get(subject), List.of(clusterFlow(subject)), (subject.security == Security.STARTER)
						? ", requesting in sessions on its " + instances + " instances"
						: ", logging in on its " + instances + " instances", notes);
			}
			for (int round = 1; round <= this.settings.clusterRounds(); round++) {
				for (int i = 0; i < subjects.size(); i++) {
					Subject subject = subjects.get((i + round - 1) % subjects.size());
					App app = apps.get(subject);
					long redisBefore = redis.cpuTicks(this.clock);
					long nanosBefore = System.nanoTime();
					LoadRun run = closedLoop(app, users, this.settings.warmupSeconds(), this.settings.measureSeconds(),
							subject.key + "-round-" + round, round, clusterFlow(subject));
					runs.add(run);
					long redisAfter = redis.cpuTicks(this.clock);
					if (subject.store == Store.REDIS && redisBefore >= 0 && redisAfter >= 0) {
						// warm-up included: the suite reads Redis before and after the whole loop
						double seconds = this.clock.seconds(redisAfter - redisBefore);
						double elapsed = (System.nanoTime() - nanosBefore) / 1e9;
						long operations = run.result().logins() + run.result().warmupLogins();
						cluster.redisCpu.add(new ClusterResults.RedisCpu(subject.key, round, seconds,
								(operations > 0) ? seconds * 1000 / operations : 0,
								seconds / Math.max(1e-9, elapsed * this.cores)));
					}
					log(String.format(Locale.ROOT, "%-26s %4d users (round %d): %8.1f per s, p50 %6.2f ms, p99 %7.2f "
							+ "ms, app CPU %.3f ms each, errors %d", subject.label, users, round,
							run.result().loginsPerSecond(), run.result().latency().p50(), run.result().latency().p99(),
							run.appCpuMsPerLogin(), run.result().errors().total()));
				}
			}
		}
		finally {
			try {
				simulatorCommand("callback-next off", "callback-next=");
			}
			catch (RuntimeException ex) {
				log("The simulator did not answer: " + ex.getMessage());
			}
			apps.values().forEach((app) -> stop(app.process));
		}
	}

	/**
	 * What each user of a closed loop of the cluster stage does: full logins, or requests
	 * of a signed-in session (on Redis, on another instance than the sign-in's).
	 */
	private static List<String> clusterFlow(Subject subject) {
		if (subject.security != Security.STARTER) {
			return List.of();
		}
		List<String> flow = new ArrayList<>(sessionFlow(subject));
		if (subject.store == Store.REDIS) {
			flow.add("--session-elsewhere");
		}
		return flow;
	}

	/**
	 * What an app of the cluster stage runs with, as its readiness showed it; a problem
	 * when its store is not the one intended.
	 */
	private static String clusterCheck(App app, String ready) {
		String registry = ready.replaceAll(".*pendingLoginRegistry=(\\S+).*", "$1");
		String sessions = ready.replaceAll(".*sessions=(\\S+).*", "$1");
		String instances = ready.replaceAll(".*instances=(\\d+).*", "$1");
		boolean onRedis = app.subject.store == Store.REDIS;
		boolean registryAsIntended = registry.startsWith("Redis") == onRedis;
		boolean sessionsAsIntended = (app.subject.security != Security.STARTER) || (sessions.contains("Redis") == onRedis);
		String check = app.subject.label + " (" + app.process.name() + "): " + instances + " instances in one JVM on "
				+ "ports " + app.ports() + ", pending-login registry " + registry + ", session repository "
				+ (sessions.equals("none") ? "none (WebFlux's in-memory sessions)" : sessions) + "; "
				+ (onRedis ? "the simulator sends each callback to the next instance than the login's, and a first "
						+ "login on the first instance was answered 200"
						: "each callback goes to the login's own instance, and a first login was answered 200");
		if (!registryAsIntended || !sessionsAsIntended) {
			throw new IllegalStateException(check + " - NOT AS INTENDED");
		}
		return check;
	}

	/**
	 * What each user of a closed loop of the authz stage does: {@code GET /bench/public}
	 * without a credential, {@code GET /bench/reports} with a token of its own, or the
	 * same signed in.
	 */
	private static List<String> authzFlow(Subject subject, Path tokens) {
		return switch (subject) {
			case ANONYMOUS -> List.of("--flow", "anonymous");
			case PAT -> List.of("--flow", "token", "--token-file", tokens.toString());
			default -> List.of("--flow", "session", "--security", Security.STARTER.propertyValue(), "--path",
					AuthorizationBenchConfiguration.REPORTS_PATH);
		};
	}

	/**
	 * Checks the app that mints tokens: as many as asked for, the open endpoint open, the
	 * guarded one refused without a token or with one it never minted, answered with one
	 * of its own.
	 * @return what was checked, for the report
	 */
	private String tokensCheck(App app, Path tokens, int users) {
		List<JwtEntry> minted = jwtEntries(tokens, Integer.MAX_VALUE);
		if (minted.size() != users) {
			throw new IllegalStateException(app.subject.label + " minted " + minted.size() + " tokens, not " + users
					+ app.process.tail());
		}
		expect(app, "GET " + AuthorizationBenchConfiguration.PUBLIC_PATH + " without a credential",
				get(app, AuthorizationBenchConfiguration.PUBLIC_PATH, null, null), 200);
		expect(app, "GET " + AuthorizationBenchConfiguration.REPORTS_PATH + " without a credential",
				get(app, AuthorizationBenchConfiguration.REPORTS_PATH, null, null), 401);
		expect(app, "GET " + AuthorizationBenchConfiguration.REPORTS_PATH + " with a token it never minted",
				get(app, AuthorizationBenchConfiguration.REPORTS_PATH, null,
						"Bearer " + new PersonalAccessTokenCodec().generate()), 401);
		JwtEntry first = minted.get(0);
		expect(app, "GET " + AuthorizationBenchConfiguration.REPORTS_PATH + " with " + first.user() + "'s token",
				get(app, AuthorizationBenchConfiguration.REPORTS_PATH, null, "Bearer " + first.jwt()), 200);
		return app.subject.label + " (" + app.process.name() + "): roles and tokens on, " + users + " tokens "
				+ "minted at start-up, one for each user of the role " + Authorization.ROLE + " ("
				+ Authorization.PERMISSION + "), each with that scope; GET "
				+ AuthorizationBenchConfiguration.PUBLIC_PATH + " without a credential answered 200; GET "
				+ AuthorizationBenchConfiguration.REPORTS_PATH + " answered 401 without one and with a well-formed "
				+ "token the app never minted, 200 with a token of its own";
	}

	/**
	 * Checks an app asked by signed-in sessions: a user of the role may request the
	 * guarded endpoint, and one outside it only without roles, where everyone has the
	 * permission from the user service.
	 * @return what was checked, with the authorities each user signed in with, for the
	 * report
	 */
	private String sessionsCheck(App app, JwtEntry member, JwtEntry outsider, boolean rbac) {
		List<String> authorities = new ArrayList<>();
		for (JwtEntry entry : List.of(member, outsider)) {
			String cookies = signIn(app, entry);
			boolean allowed = !rbac || entry == member;
			expect(app, "GET " + AuthorizationBenchConfiguration.REPORTS_PATH + " signed in as " + entry.user(),
					get(app, AuthorizationBenchConfiguration.REPORTS_PATH, cookies, null), allowed ? 200 : 403);
			JsonNode me = JSON.readTree(get(app, "/me", cookies, null).body());
			authorities.add(entry.user() + " " + me.path("authorities"));
		}
		return app.subject.label + " (" + app.process.name() + "): roles and tokens "
				+ (rbac ? "on, the users of the load generators seeded into the role " + Authorization.ROLE + " ("
						+ Authorization.PERMISSION + ") through " + Authorization.BOOTSTRAP_PROPERTY
						: "off (altscodex.rbac.enabled=false), " + Authorization.PERMISSION + " from the app's user "
								+ "service for every user")
				+ "; GET " + AuthorizationBenchConfiguration.REPORTS_PATH + " signed in answered 200 for "
				+ member.user() + " and " + (rbac ? "403" : "200") + " for " + outsider.user()
				+ (rbac ? ", who holds no role" : "") + "; their authorities (GET /me): "
				+ String.join(", ", authorities);
	}

	/**
	 * Signs a user in through the starter's chain as a page does: a page for the CSRF
	 * cookie, then {@code POST /login} with the JWT.
	 * @return the session's cookies, as a {@code Cookie} header
	 */
	private String signIn(App app, JwtEntry entry) {
		HttpResponse<String> page = get(app, SecuredBenchConfiguration.HELLO_PATH, null, null);
		String token = cookie(page, "XSRF-TOKEN");
		if (token == null) {
			throw new IllegalStateException(app.subject.label + " set no CSRF cookie" + app.process.tail());
		}
		HttpResponse<String> answer = send(HttpRequest.newBuilder(app.uri("/login"))
			.header("Content-Type", "application/json")
			.header("Cookie", "XSRF-TOKEN=" + token)
			.header("X-XSRF-TOKEN", token)
			.POST(HttpRequest.BodyPublishers.ofString("{\"jwt\":\"" + entry.jwt() + "\"}"))
			.build());
		String session = cookie(answer, "SESSION");
		if (answer.statusCode() != 200 || session == null) {
			throw new IllegalStateException(app.subject.label + " answered the sign-in of " + entry.user() + " with "
					+ answer.statusCode() + " " + answer.body() + app.process.tail());
		}
		String csrf = cookie(answer, "XSRF-TOKEN");
		return "SESSION=" + session + "; XSRF-TOKEN=" + ((csrf != null) ? csrf : token);
	}

	private HttpResponse<String> get(App app, String path, @Nullable String cookies, @Nullable String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).header("Accept", "application/json").GET();
		if (cookies != null) {
			request.header("Cookie", cookies);
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	/**
	 * Fails the stage when an answer is not the one expected; a {@code 200} must carry
	 * the trivial endpoint's body.
	 */
	private static void expect(App app, String request, HttpResponse<String> answer, int status) {
		boolean expected = answer.statusCode() == status
				&& (status != 200 || answer.body().equals(SecuredBenchConfiguration.HELLO));
		if (!expected) {
			throw new IllegalStateException(app.subject.label + " answered " + request + " with "
					+ answer.statusCode() + " " + answer.body() + ", not " + status + app.process.tail());
		}
	}

	// JMH
	// JMH

	private void jmh() {
		Instant started = Instant.now();
		log("Running JMH: " + this.settings.jmhWarmupIterations() + " warm-up and " + this.settings.jmhIterations()
				+ " measured iterations of 1 s, 1 fork each");
		try {
			Collection<RunResult> runs = new Runner(new OptionsBuilder()
				.include("com\\.altscodex\\..*Benchmark\\..*")
				.forks(1)
				.warmupIterations(this.settings.jmhWarmupIterations())
				.warmupTime(TimeValue.seconds(1))
				.measurementIterations(this.settings.jmhIterations())
				.measurementTime(TimeValue.seconds(1))
				.jvmArgs(SuiteSettings.JMH_FLAGS.toArray(String[]::new))
				.output(this.logs.resolve("jmh.log").toString())
				.build()).run();
			for (RunResult run : runs) {
				BenchmarkParams params = run.getParams();
				String benchmark = params.getBenchmark();
				int method = benchmark.lastIndexOf('.');
				int type = benchmark.lastIndexOf('.', method - 1);
				List<String> values = new ArrayList<>();
				for (String key : params.getParamsKeys()) {
					values.add(key + "=" + params.getParam(key));
				}
				this.results.jmh.add(new JmhScore(benchmark.substring(type + 1), String.join(", ", values),
						params.getThreads(), params.getMode().shortLabel(), run.getPrimaryResult().getScore(),
						run.getPrimaryResult().getScoreError(), run.getPrimaryResult().getScoreUnit()));
			}
		}
		catch (RunnerException ex) {
			throw new IllegalStateException("JMH failed: " + ex.getMessage(), ex);
		}
		Instant finished = Instant.now();
		this.results.jmhRun = new SuiteResults.RunInfo(TIMESTAMP.format(started.truncatedTo(ChronoUnit.SECONDS)),
				TIMESTAMP.format(finished.truncatedTo(ChronoUnit.SECONDS)),
				Duration.between(started, finished).toSeconds() / 60.0, this.settings.command(), this.settings.quick(),
				List.of(Stage.JMH.name()), this.settings.profile(), this.settings.describe());
		this.results.jmhGitCommit = Objects.requireNonNull(this.results.environment).gitCommit();
	}

	// the apps' control endpoints

	private long collect(App app) {
		HttpResponse<String> answer = send(HttpRequest.newBuilder(app.uri("/bench/gc"))
			.timeout(Duration.ofMinutes(2))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
		return JSON.readTree(answer.body()).get("heapUsed").asLong();
	}

	private long allocated(App app) {
		try {
			HttpResponse<String> answer = send(HttpRequest.newBuilder(app.uri("/bench/state")).GET().build());
			return JSON.readTree(answer.body()).get("allocatedBytes").asLong();
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	private int pending(App app) {
		HttpResponse<String> answer = send(HttpRequest.newBuilder(app.uri("/bench/state")).GET().build());
		return JSON.readTree(answer.body()).get("pending").asInt();
	}

	/**
	 * Forgets the times of the answers the app timed so far (the warm-up's).
	 */
	private void resetAnswerTimes(App app) {
		HttpResponse<String> answer = send(HttpRequest.newBuilder(app.uri("/bench/answer-times/reset"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
		AnswerTimes.parse(answer.body());
	}

	private AnswerTimes answerTimes(App app) {
		HttpResponse<String> answer = send(HttpRequest.newBuilder(app.uri("/bench/answer-times")).GET().build());
		return AnswerTimes.parse(answer.body());
	}

	private long refused(App app) {
		HttpResponse<String> answer = send(HttpRequest.newBuilder(app.uri("/bench/state")).GET().build());
		return JSON.readTree(answer.body()).get("refused").asLong();
	}

	/**
	 * The starter's counter of refused logins, summed over its clients, from the app's
	 * Prometheus scrape; {@code null} for an app without metrics.
	 */
	private static @Nullable Double refusedMeter(@Nullable String scrape) {
		return (scrape != null)
				? PrometheusText.sum(scrape, AltsCodexClientMetrics.REFUSED_LOGINS.replace('.', '_') + "_total") : null;
	}

	/**
	 * Seconds and count of the app's own {@code http.server.requests} timer for the
	 * logins it answered with {@code status}: {@code [sum, count]}, {@code null} for an
	 * app without metrics.
	 */
	private static double @Nullable [] serverTimer(@Nullable String scrape, int status) {
		if (scrape == null) {
			return null;
		}
		String[] tags = { "status=\"" + status + "\"", "uri=\"/login\"" };
		Double sum = PrometheusText.sum(scrape, "http_server_requests_seconds_sum", tags);
		Double count = PrometheusText.sum(scrape, "http_server_requests_seconds_count", tags);
		return new double[] { (sum != null) ? sum : 0, (count != null) ? count : 0 };
	}

	/**
	 * The app's Prometheus scrape, {@code null} for an app without metrics.
	 */
	private @Nullable String scrape(App app) {
		HttpResponse<String> scrape = send(HttpRequest.newBuilder(app.uri("/actuator/prometheus")).GET().build());
		return (scrape.statusCode() == 200) ? scrape.body() : null;
	}

	private int safePending(App app) {
		try {
			return pending(app);
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * Waits until the app reports at most {@code expected} pending logins.
	 * @return the last count seen
	 */
	private int awaitPending(App app, int expected, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		int pending = pending(app);
		while (pending > expected && System.nanoTime() < deadline) {
			sleep(Duration.ofMillis(200));
			pending = pending(app);
		}
		return pending;
	}

	private HeapHistogram histogram(long pid) {
		return HeapHistogram.parse(jcmd(pid, "GC.class_histogram"));
	}

	private String jcmd(long pid, String... command) {
		List<String> line = new ArrayList<>();
		line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
		line.add(Long.toString(pid));
		line.addAll(List.of(command));
		try {
			Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.waitFor() != 0) {
				throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + out);
			}
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Request to " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	// output

	private void write() throws IOException {
		write(this.results, this.settings);
	}

	/**
	 * The results of a file with some of its stages replaced by another run's, everything
	 * else as stored; the verdicts are computed again when written.
	 * @param stored the results file's content
	 * @param run the results of this run
	 * @param stages the stages of this run that replace the stored ones: security, authz, cluster, jmh
	 * @return the merged results
	 * @throws IllegalStateException when the stored results do not read back as written
	 */
	static SuiteResults merged(String stored, SuiteResults run, Set<Stage> stages) {
		SuiteResults results = SuiteResults.readBack(JSON, stored);
		results.verdicts.clear();
		if (stages.contains(Stage.SECURITY)) {
			results.security = run.security;
		}
		if (stages.contains(Stage.AUTHZ)) {
			results.authz = run.authz;
		}
		if (stages.contains(Stage.CLUSTER)) {
			results.cluster = run.cluster;
		}
		if (stages.contains(Stage.JMH)) {
			results.jmh = run.jmh;
			results.jmhRun = run.jmhRun;
			results.jmhGitCommit = run.jmhGitCommit;
		}
		return results;
	}

	/**
	 * Renders the report again from the results file ({@code --json}), with the verdicts
	 * and the wording of the code at hand: nothing is measured, and everything the report
	 * says about the run, its settings and note among them, comes from the results file;
	 * of the command line only the files count ({@code --json}, {@code --report}).
	 * @param settings the files
	 * @throws IOException when the files cannot be read or written
	 * @throws IllegalStateException when the results do not read back as written
	 */
	static void render(SuiteSettings settings) throws IOException {
		SuiteResults stored = SuiteResults.readBack(JSON, Files.readString(settings.jsonFile(), StandardCharsets.UTF_8));
		stored.verdicts.clear();
		write(stored, settings);
	}

	private static void write(SuiteResults results, SuiteSettings settings) throws IOException {
		results.verdicts.addAll(Verdicts.of(results));
		Files.createDirectories(settings.jsonFile().getParent());
		Files.writeString(settings.jsonFile(), PRETTY_JSON.writeValueAsString(results) + "\n", StandardCharsets.UTF_8);
		Files.createDirectories(settings.reportFile().getParent());
		Files.writeString(settings.reportFile(), new Report(results).render(), StandardCharsets.UTF_8);
		log("Wrote " + relative(settings, settings.reportFile()) + " and " + relative(settings, settings.jsonFile()));
		if (!results.problems.isEmpty()) {
			log("Problems: " + results.problems);
		}
	}

	private static Path relative(SuiteSettings settings, Path file) {
		return file.startsWith(settings.root()) ? settings.root().relativize(file) : file;
	}

	// helpers

	private static JwtEntry firstJwt(Path jwts) {
		return jwtEntries(jwts, 1).get(0);
	}

	/**
	 * The first {@code count} entries of a file of {@code user<TAB>credential} lines (the
	 * simulator's JWTs, the app's tokens), fewer if it has fewer.
	 */
	private static List<JwtEntry> jwtEntries(Path file, int count) {
		try (Stream<String> lines = Files.lines(file, StandardCharsets.US_ASCII)) {
			return lines.filter((line) -> line.indexOf('\t') > 0).limit(count).map((line) -> {
				int tab = line.indexOf('\t');
				return new JwtEntry(line.substring(0, tab), line.substring(tab + 1));
			}).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String randomSecret() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void log(String message) {
		System.out.println("[" + DateTimeFormatter.ofPattern("HH:mm:ss").format(Instant.now().atOffset(ZoneOffset.UTC))
				+ "] " + message);
		System.out.flush();
	}

	/**
	 * An app the suite started.
	 */
	private record App(Subject subject, int port, ChildProcess process, List<Integer> otherPorts) {

		App(Subject subject, int port, ChildProcess process) {
			this(subject, port, process, List.of());
		}

		String baseUrl() {
			return "http://127.0.0.1:" + this.port;
		}

		/**
		 * Where a closed loop sends its users: the app, or each of its instances in turn.
		 */
		String targets() {
			StringBuilder targets = new StringBuilder(baseUrl());
			this.otherPorts.forEach((other) -> targets.append(",http://127.0.0.1:").append(other));
			return targets.toString();
		}

		List<Integer> ports() {
			List<Integer> ports = new ArrayList<>(List.of(this.port));
			ports.addAll(this.otherPorts);
			return ports;
		}

		URI uri(String path) {
			return URI.create(baseUrl() + path);
		}

	}

	private record JwtEntry(String user, String jwt) {
	}

	/**
	 * Where a stage's checks and problems go: the results' own, or the security stage's,
	 * which a later run can merge into a results file by themselves.
	 */
	private record Notes(List<String> checks, List<String> problems) {
	}

	/**
	 * The flood's own simulator: its process, port and the JWTs it issued.
	 */
	private record FloodSimulator(ChildProcess process, int port, Path jwts) {
	}

}
