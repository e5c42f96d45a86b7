package com.altscodex.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import io.netty.channel.ChannelId;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.Http2AllocationStrategy;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.altscodex.benchmarks.server.SecuredBenchConfiguration;
import com.altscodex.benchmarks.server.Security;
import com.altscodex.benchmarks.suite.Args;

/**
 * The load generator, a process of its own. Modes ({@code --mode}):
 * <ul>
 * <li>{@code closed}: {@code --users} users in a closed loop for {@code --warmup} then
 * {@code --measure} seconds; prints {@code WINDOW_START} and {@code WINDOW_END} as the
 * measured window opens and closes, then {@code RESULT <json>}. {@code --flow} says what
 * each user does (see {@code steps}): a plain login, a login through the starter's
 * security chain, requests of a signed-in session, anonymous requests or requests with a
 * personal access token.</li>
 * <li>{@code hold}: opens {@code --count} logins that are never answered (the simulator
 * withholds callbacks) in batches of {@code --batch}, over HTTP/1.1 (one connection each)
 * or h2c ({@code --protocol h2c}, HTTP/2 with prior knowledge, streams multiplexed),
 * waiting after each batch until the app reports them pending; prints
 * {@code HELD <n>} and holds them until {@code release} or the end of standard input.</li>
 * <li>{@code burst}: fires {@code --count} logins at once, each on a new connection, for
 * distinct users, waiting up to {@code --timeout-seconds} for each answer; prints
 * {@code RESULT <json>}.</li>
 * <li>{@code flood}: as {@code burst}, but each login on a connection opened before the
 * flood (prints {@code CONNECTIONS opened=<n>}), against an app whose DeOAuth holds
 * {@code authorize}; counts the answers by kind (status and problem type), with the
 * latency, {@code Retry-After} and {@code Content-Type} of each kind; each latency twice:
 * from the login sent (subscribed by the flood's {@code flatMap}, before its connection
 * is opened) and from its request written on the wire, both to its answer read. Prints
 * {@code FIRING} just before the first login is sent, {@code PROGRESS answered=<n>}
 * whenever more answers came in (checked every 100 ms), then {@code RESULT <json>}. With
 * {@code --first-wave <n>} the first {@code n} logins are fired at once; once the app
 * reports them pending it prints {@code FILLED pending=<n>} and waits for {@code beyond}
 * on its standard input, then prints {@code BEYOND} and fires the rest at once: the bound
 * filled first, the logins beyond it after. The rest go out on plain sockets
 * ({@link SocketWave}, {@code --beyond-client socket}, the default) or on the Reactor
 * Netty client of the first wave ({@code --beyond-client reactor-netty}); on sockets,
 * {@code --beyond-rounds <n>} sends them {@code n} times in a row on the same connections
 * and counts the last (a warm-up's many refusals).</li>
 * <li>{@code ip-flood}: a flood from one client address against the starter's chain and
 * its limit per address, while other users sign in from another address (see
 * {@code ipFlood}).</li>
 * </ul>
 * Common arguments: {@code --target http://127.0.0.1:<port>}, {@code --jwt-file}. The
 * closed loops of logins and sessions take several targets too, separated by commas:
 * instances of one app, the n-th user on the n-th, round robin.
 */
public final class LoadGenerator {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int WARMUP = 0;

	private static final int MEASURE = 1;

	private static final int DONE = 2;

	private static final long PROGRESS_MILLIS = 100;

	private static final long IP_FLOOD_PROGRESS_MILLIS = 20;

	private LoadGenerator() {
	}

	public static void main(String[] arguments) throws Exception {
		Args args = Args.parse(arguments);
		String target = args.required("target");
		JwtPool jwts = JwtPool.read(Path.of(args.required("jwt-file")));
		switch (args.get("mode", "closed")) {
			case "closed" -> closed(args, target, jwts);
			case "hold" -> hold(args, target, jwts);
			case "burst" -> burst(args, target, jwts);
			case "flood" -> flood(args, target, jwts);
			case "ip-flood" -> ipFlood(args, target, jwts);
			default -> throw new IllegalArgumentException("Unknown mode " + args.get("mode"));
		}
		System.exit(0);
	}

	private static void closed(Args args, String target, JwtPool jwts) throws InterruptedException, IOException {
		int users = args.intValue("users", 64);
		double warmup = args.doubleValue("warmup", 10);
		double measure = args.doubleValue("measure", 20);
		ConnectionProvider connections = ConnectionProvider.builder("load")
			.maxConnections(Math.max(users, 16))
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofMinutes(5))
			.build();
		List<Supplier<Mono<Outcome>>> steps = steps(args, target, jwts, connections, users);
		Tally tally = new Tally();
		AtomicInteger phase = new AtomicInteger(WARMUP);
		AtomicInteger warmupLogins = new AtomicInteger();
		CountDownLatch finished = new CountDownLatch(1);
		Flux.range(0, users).flatMap((user) -> Mono.defer(() -> {
			long start = System.nanoTime();
			return steps.get(user).get().doOnNext((outcome) -> {
				int now = phase.get();
				if (now == MEASURE) {
					tally.add(outcome, System.nanoTime() - start);
				}
				else if (now == WARMUP) {
					warmupLogins.incrementAndGet();
				}
			});
		}).repeat(() -> phase.get() != DONE), users).doFinally((signal) -> finished.countDown()).subscribe();
		sleep(warmup);
		phase.set(MEASURE);
		long windowStart = System.nanoTime();
		signal("WINDOW_START");
		sleep(measure);
		phase.set(DONE);
		long windowEnd = System.nanoTime();
		signal("WINDOW_END");
		if (!finished.await(2, TimeUnit.MINUTES)) {
			System.err.println("Logins still running two minutes after the window");
		}
		double window = (windowEnd - windowStart) / 1e9;
		Results.ClosedLoop result = new Results.ClosedLoop(target, users, warmup, window, tally.ok(),
				tally.ok() / window, tally.latency(), tally.errorsSummary(), warmupLogins.get());
		signal("RESULT " + JSON.writeValueAsString(result));
		connections.dispose();
	}

	/**
	 * What each user of a closed loop does over and over, by {@code --flow}: {@code login}
	 * (the default: {@code POST /login} with the raw JWT), {@code secured-login} (the
	 * starter's chain: the CSRF cookie once, then {@code POST /login} with
	 * {@code {"jwt": ..}}, the cookies and the CSRF header; with
	 * {@code --source-addresses <first>+<count>} each login on a new connection from the
	 * next of those addresses, so that a limit per address never applies),
	 * {@code session} (signed in once through the chain of {@code --security
	 * starter|form-login}, then {@code GET /bench/hello}, or {@code --path}, with the
	 * session's cookies), {@code anonymous} ({@code GET /bench/public}, no credential) or
	 * {@code token} ({@code GET /bench/reports} with the user's own personal access token,
	 * the n-th user the n-th of {@code --token-file}). The users sign in, or fetch their
	 * CSRF cookie, before the warm-up begins. With several targets the users of a login or
	 * session flow take them in turn; with {@code --session-elsewhere} a session's
	 * requests go to the next target after the one it signed in on.
	 */
	private static List<Supplier<Mono<Outcome>>> steps(Args args, String target, JwtPool jwts,
			ConnectionProvider connections, int users) throws IOException {
		String flow = args.get("flow", "login");
		List<String> targets = targets(target);
		if (targets.size() > 1 && !flow.equals("login") && !flow.equals("session")) {
			throw new IllegalArgumentException("The " + flow + " flow takes one --target");
		}
		if (flow.equals("login")) {
			List<HttpClient> clients = targets.stream()
				.map((each) -> Logins.configure(HttpClient.create(connections), each))
				.toList();
			List<Supplier<Mono<Outcome>>> logins = new ArrayList<>();
			for (int i = 0; i < users; i++) {
				HttpClient client = clients.get(i % clients.size());
				logins.add(() -> Logins.login(client, jwts.next()));
			}
			return logins;
		}
		HttpClient client = HttpClient.create(connections).baseUrl(target);
		if (flow.equals("anonymous")) {
			return Collections.nCopies(users, () -> TokenRequests.anonymous(client));
		}
		if (flow.equals("token")) {
			List<String> authorizations = TokenRequests.authorizations(Path.of(args.required("token-file")));
			if (authorizations.size() < users) {
				throw new IllegalArgumentException(users + " users need as many tokens, and "
						+ args.required("token-file") + " holds " + authorizations.size());
			}
			return authorizations.subList(0, users)
				.stream()
				.<Supplier<Mono<Outcome>>>map((authorization) -> () -> TokenRequests.withToken(client, authorization))
				.toList();
		}
		List<CookieJar> jars = new ArrayList<>();
		List<Supplier<Mono<Outcome>>> steps = new ArrayList<>();
		Mono<Void> prepared;
		switch (flow) {
			case "secured-login" -> {
				String sourcesText = args.get("source-addresses");
				HttpClient logins = (sourcesText != null) ? fromEach(target, SourceAddresses.parse(sourcesText)) : client;
				for (int i = 0; i < users; i++) {
					CookieJar jar = new CookieJar();
					jars.add(jar);
					steps.add(() -> SecuredLogins.login(logins, jar, jwts.next()));
				}
				prepared = Flux.fromIterable(jars).flatMap((jar) -> SecuredLogins.csrfCookie(client, jar), users).then();
			}
			case "session" -> {
				Security security = Security.of(args.required("security"));
				String path = args.get("path", SecuredBenchConfiguration.HELLO_PATH);
				List<HttpClient> clients = targets.stream()
					.map((each) -> HttpClient.create(connections).baseUrl(each))
					.toList();
				// with --session-elsewhere, a session's requests go to the next instance than the one it signed in on
				int elsewhere = args.flag("session-elsewhere") ? 1 : 0;
				List<Mono<Void>> signIns = new ArrayList<>();
				for (int i = 0; i < users; i++) {
					CookieJar jar = new CookieJar();
					jars.add(jar);
					HttpClient requests = clients.get((i + elsewhere) % clients.size());
					HttpClient signIn = clients.get(i % clients.size());
					steps.add(() -> SecuredLogins.hello(requests, jar, path));
					signIns.add(Mono.defer(() -> SecuredLogins.signIn(signIn, jar, security, jwts.next())));
				}
				prepared = Flux.fromIterable(signIns).flatMap((signIn) -> signIn, users).then();
			}
			default -> throw new IllegalArgumentException("Unknown flow " + flow);
		}
		prepared.block(Duration.ofMinutes(2));
		return steps;
	}

	/**
	 * The targets of {@code --target}: one, or several separated by commas (instances of
	 * one app: the n-th user takes the n-th, round robin).
	 */
	static List<String> targets(String target) {
		return Arrays.stream(target.split(",")).map(String::strip).filter((each) -> !each.isEmpty()).toList();
	}

	/**
	 * A client that opens a new connection for every request, each from the next source
	 * address.
	 */
	private static HttpClient fromEach(String target, SourceAddresses sources) {
		return HttpClient.newConnection().baseUrl(target).bindAddress(() -> new InetSocketAddress(sources.next(), 0));
	}

	private static void hold(Args args, String target, JwtPool jwts) throws Exception {
		int count = args.intValue("count", 10_000);
		int batch = args.intValue("batch", 1000);
		boolean h2c = "h2c".equals(args.get("protocol", "h1"));
		ConnectionProvider connections;
		HttpClient client;
		if (h2c) {
			int streams = args.intValue("streams-per-connection", 1000);
			connections = ConnectionProvider.builder("hold")
				.allocationStrategy(Http2AllocationStrategy.builder()
					.maxConnections(Math.max(1, count / streams + 16))
					.maxConcurrentStreams(streams)
					.minConnections(1)
					.build())
				.pendingAcquireMaxCount(-1)
				.pendingAcquireTimeout(Duration.ofMinutes(10))
				.build();
			client = Logins.configure(HttpClient.create(connections).protocol(HttpProtocol.H2C), target);
		}
		else {
			connections = ConnectionProvider.builder("hold")
				.maxConnections(count + 64)
				.pendingAcquireMaxCount(-1)
				.pendingAcquireTimeout(Duration.ofMinutes(10))
				.build();
			client = Logins.configure(HttpClient.create(connections), target);
		}
		HttpClient control = HttpClient.create(ConnectionProvider.create("control", 2)).baseUrl(target);
		AtomicInteger answered = new AtomicInteger();
		Tally early = new Tally();
		int opened = 0;
		while (opened < count) {
			int size = Math.min(batch, count - opened);
			for (int i = 0; i < size; i++) {
				Logins.login(client, jwts.get(opened + i)).subscribe((outcome) -> {
					answered.incrementAndGet();
					early.add(outcome, 0);
				});
			}
			opened += size;
			awaitPending(control, opened - answered.get(), Duration.ofSeconds(120));
		}
		int pending = pending(control);
		signal("HELD " + opened + " pending=" + pending + " answered=" + answered.get());
		awaitCommand("release");
		// exiting closes every connection: the app sees each held login cancelled
		signal("RESULT " + JSON.writeValueAsString(early.errorsSummary()));
	}

	private static void awaitPending(HttpClient control, int expected, Duration timeout) throws InterruptedException {
		awaitPending(control, () -> expected, timeout);
	}

	private static void awaitPending(HttpClient control, IntSupplier expected, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		int pending = -1;
		while (System.nanoTime() < deadline) {
			pending = pending(control);
			if (pending >= expected.getAsInt()) {
				return;
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException(
				"Only " + pending + " of " + expected.getAsInt() + " logins pending after " + timeout);
	}

	private static int pending(HttpClient control) {
		String state = control.get().uri("/bench/state").responseContent().aggregate().asString().block(Duration.ofSeconds(30));
		JsonNode node = JSON.readTree(state);
		return node.get("pending").asInt();
	}

	private static void burst(Args args, String target, JwtPool jwts) {
		int count = args.intValue("count", 2000);
		Duration timeout = Duration.ofSeconds(args.intValue("timeout-seconds", 60));
		HttpClient client = Logins.configure(HttpClient.newConnection(), target);
		Tally tally = new Tally();
		long start = System.nanoTime();
		List<Long> ends = Flux.range(0, count).flatMap((i) -> {
			long sent = System.nanoTime();
			return Logins.login(client, jwts.get(i)).timeout(timeout, Mono.fromSupplier(Outcome::lost)).map((outcome) -> {
				long end = System.nanoTime();
				tally.add(outcome, end - sent);
				return end;
			});
		}, count).collectList().block(timeout.plusSeconds(30));
		long last = ends.stream().mapToLong(Long::longValue).max().orElse(start);
		Results.Burst result = new Results.Burst(target, count, tally.ok(), (last - start) / 1e9, tally.latency(),
				tally.errorsSummary());
		signal("RESULT " + JSON.writeValueAsString(result));
	}

	private static void flood(Args args, String target, JwtPool jwts) throws InterruptedException, IOException {
		int count = args.intValue("count", 1500);
		int firstWave = Math.min(args.intValue("first-wave", 0), count);
		Duration timeout = Duration.ofSeconds(args.intValue("timeout-seconds", 120));
		ConnectionProvider connections = ConnectionProvider.builder("flood")
			.maxConnections(count)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(timeout)
			.build();
		// distinct channels: a pooled connection is configured again on every acquisition
		Set<ChannelId> channels = ConcurrentHashMap.newKeySet();
		HttpClient client = LoginTimes.recordWritten(Logins.configure(HttpClient.create(connections), target))
			.doOnConnected((connection) -> channels.add(connection.channel().id()));
		// a connection of its own for every login, opened and idle before the flood, as a
		// proxy in front of the app keeps them: each login's time is then the app's, not
		// the time this process takes to open its other connections on the same cores
		boolean onSockets = firstWave > 0 && "socket".equals(args.get("beyond-client", "socket"));
		int beyondRounds = Math.max(1, args.intValue("beyond-rounds", 1));
		openConnections(client, onSockets ? firstWave : count, channels);
		SocketWave beyond = onSockets ? SocketWave.open(target, entries(jwts, firstWave, count), timeout) : null;
		int openedBefore = channels.size() + ((beyond != null) ? beyond.size() : 0);
		signal("CONNECTIONS opened=" + openedBefore);
		FloodTally tally = new FloodTally();
		AtomicInteger answered = new AtomicInteger();
		AtomicInteger reported = new AtomicInteger();
		Disposable progress = Flux.interval(Duration.ofMillis(PROGRESS_MILLIS)).subscribe((tick) -> {
			int now = answered.get();
			if (reported.getAndSet(now) != now) {
				signal("PROGRESS answered=" + now);
			}
		});
		IntFunction<Mono<Long>> login = (i) -> {
			LoginTimes times = LoginTimes.sentNow();
			return Logins.floodLogin(client, jwts.get(i), times)
				.timeout(timeout, Mono.fromSupplier(FloodAnswer::lost))
				.map((answer) -> {
					long end = times.answeredOr(System.nanoTime());
					tally.add(answer, times.fromSent(end), times.fromWritten(end));
					answered.incrementAndGet();
					return end;
				});
		};
		signal("FIRING");
		long start = System.nanoTime();
		Mono<List<Long>> first = wave(0, firstWave, login).cache();
		if (firstWave > 0) {
			// the bound filled first: what comes after it is what the bound refuses
			first.subscribe();
			HttpClient control = HttpClient.create(ConnectionProvider.create("control", 2)).baseUrl(target);
			// a short hold (the warm-up's) may answer some before they are seen pending
			awaitPending(control, () -> firstWave - answered.get(), timeout);
			signal("FILLED pending=" + pending(control));
			// the suite says when DeOAuth holds the first wave's authorize requests: the app
			// is done with them, and what follows meets an idle app with its bound full
			awaitCommand("beyond");
			signal("BEYOND");
		}
		List<Long> ends = new ArrayList<>();
		if (beyond != null) {
			try (beyond) {
				// a warm-up's earlier rounds, on the same connections: only the last is counted
				for (int round = 1; round < beyondRounds; round++) {
					beyond.fire(new FloodTally(), () -> {
					}, timeout);
				}
				ends.addAll(beyond.fire(tally, answered::incrementAndGet, timeout));
			}
			ends.addAll(first.block(timeout.plusSeconds(30)));
		}
		else {
			Mono<List<Long>> rest = wave(firstWave, count - firstWave, login);
			ends.addAll(Mono.zip(first, rest, (a, b) -> {
				List<Long> all = new ArrayList<>(a);
				all.addAll(b);
				return all;
			}).block(timeout.plusSeconds(30)));
		}
		progress.dispose();
		long last = ends.stream().mapToLong(Long::longValue).max().orElse(start);
		int openedDuring = channels.size() + ((beyond != null) ? beyond.size() : 0) - openedBefore;
		Results.Flood result = new Results.Flood(target, count, (firstWave > 0) ? firstWave : null, openedBefore,
				openedDuring, (beyond != null) ? Results.Flood.ON_SOCKETS : Results.Flood.ON_REACTOR_NETTY,
				(last - start) / 1e9, tally.kinds());
		signal("RESULT " + JSON.writeValueAsString(result));
		connections.dispose();
	}

	/**
	 * A flood of {@code --count} logins from one client address ({@code --flood-source},
	 * default {@code 127.0.0.2}) against the starter's chain, with its limit on sign-in
	 * attempts per address, while {@code --users} users sign in from another
	 * ({@code --users-source}, default {@code 127.0.0.3}) with the JWTs from index
	 * {@code --users-from} on. Every login is a real one: a JWT of its own, the CSRF cookie
	 * and header (the flood's from one page it loaded first). Before the flood, the users
	 * load a page (their CSRF cookies) on connections of their own, and the flood's
	 * connections are opened and used once ({@link SocketWave}, from the flood's address);
	 * then it prints {@code READY} and waits for {@code fire}, prints {@code FIRING} and
	 * sends the flood (printing {@code PROGRESS answered=<n>} whenever more of its answers
	 * came in, checked every 20 ms); as soon as the flood has begun, it prints
	 * {@code USERS} and sends the users' logins at once, prints {@code USERS-DONE}
	 * once they are answered, waits for every answer of the flood, and prints
	 * {@code RESULT <json>}. With {@code --extra-rounds n}
	 * (a warm-up) it then sends the flood {@code n} more times on the same connections,
	 * uncounted.
	 */
	private static void ipFlood(Args args, String target, JwtPool jwts) throws IOException, InterruptedException {
		int count = args.intValue("count", 1500);
		int users = args.intValue("users", 20);
		int usersFrom = args.intValue("users-from", count);
		int extraRounds = args.intValue("extra-rounds", 0);
		InetAddress floodSource = SourceAddresses.address(args.get("flood-source", "127.0.0.2"));
		InetAddress usersSource = SourceAddresses.address(args.get("users-source", "127.0.0.3"));
		Duration timeout = Duration.ofSeconds(args.intValue("timeout-seconds", 120));
		ConnectionProvider connections = ConnectionProvider.builder("users")
			.maxConnections(users)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(timeout)
			.build();
		Set<ChannelId> channels = ConcurrentHashMap.newKeySet();
		HttpClient usersClient = LoginTimes
			.recordWritten(HttpClient.create(connections)
				.baseUrl(target)
				.bindAddress(() -> new InetSocketAddress(usersSource, 0)))
			.doOnConnected((connection) -> channels.add(connection.channel().id()));
		List<CookieJar> jars = new ArrayList<>();
		for (int i = 0; i < users; i++) {
			jars.add(new CookieJar());
		}
		Flux.fromIterable(jars).flatMap((jar) -> SecuredLogins.csrfCookie(usersClient, jar), users).then().block(timeout);
		openConnections(usersClient, users, channels);
		HttpClient floodPage = HttpClient.newConnection()
			.baseUrl(target)
			.bindAddress(() -> new InetSocketAddress(floodSource, 0));
		String token = SecuredLogins.csrfCookie(floodPage, new CookieJar()).block(timeout);
		String host = SocketWave.host(target);
		List<SocketWave.Prepared> requests = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			JwtPool.Entry entry = jwts.get(i);
			requests.add(new SocketWave.Prepared(entry.user(), SocketWave.securedLoginRequest(host, entry.jwt(), token)));
		}
		FloodTally floodTally = new FloodTally();
		FloodTally usersTally = new FloodTally();
		double usersSentAfterMs;
		double floodWrittenMs;
		int answeredWhenUsersSent;
		long floodStart;
		long last;
		try (SocketWave wave = SocketWave.open(target, requests, floodSource, timeout)) {
			signal("READY flood=" + wave.size() + " users=" + channels.size());
			awaitCommand("fire");
			AtomicReference<List<Long>> floodEnds = new AtomicReference<>(List.of());
			AtomicReference<Throwable> floodFailure = new AtomicReference<>();
			long before = wave.firedAt();
			Thread flood = new Thread(() -> {
				try {
					floodEnds.set(wave.fire(floodTally, () -> {
					}, timeout));
				}
				catch (IOException | RuntimeException ex) {
					floodFailure.set(ex);
				}
			}, "ip-flood");
			AtomicInteger reported = new AtomicInteger(-1);
			Disposable progress = Flux.interval(Duration.ofMillis(IP_FLOOD_PROGRESS_MILLIS)).subscribe((tick) -> {
				int now = wave.answeredSoFar();
				if (reported.getAndSet(now) != now) {
					signal("PROGRESS answered=" + now);
				}
			});
			signal("FIRING");
			flood.start();
			// the users sign in as the flood begins: once the wave has started writing
			while (wave.firedAt() == before && flood.isAlive()) {
				Thread.onSpinWait();
			}
			long usersStart = System.nanoTime();
			answeredWhenUsersSent = wave.answeredSoFar();
			signal("USERS");
			List<Long> userEnds = Flux.range(0, users).flatMap((i) -> {
				LoginTimes times = LoginTimes.sentNow();
				return SecuredLogins.floodLogin(usersClient, jars.get(i), jwts.get(usersFrom + i), times)
					.timeout(timeout, Mono.fromSupplier(FloodAnswer::lost))
					.map((answer) -> {
						long end = times.answeredOr(System.nanoTime());
						usersTally.add(answer, times.fromSent(end), times.fromWritten(end));
						return end;
					});
			}, users).collectList().block(timeout.plusSeconds(30));
			signal("USERS-DONE");
			flood.join(timeout.plusSeconds(30).toMillis());
			progress.dispose();
			if (floodFailure.get() != null) {
				throw new IllegalStateException("The flood failed", floodFailure.get());
			}
			floodStart = wave.firedAt();
			usersSentAfterMs = (usersStart - floodStart) / 1e6;
			floodWrittenMs = wave.writtenSpanNanos() / 1e6;
			last = Math.max(floodEnds.get().stream().mapToLong(Long::longValue).max().orElse(floodStart),
					userEnds.stream().mapToLong(Long::longValue).max().orElse(floodStart));
			for (int round = 0; round < extraRounds; round++) {
				wave.fire(new FloodTally(), () -> {
				}, timeout);
			}
		}
		Results.IpFlood result = new Results.IpFlood(target, count, floodSource.getHostAddress(), users,
				usersSource.getHostAddress(), floodWrittenMs, usersSentAfterMs, answeredWhenUsersSent,
				(last - floodStart) / 1e9, floodTally.kinds(), usersTally.kinds());
		signal("RESULT " + JSON.writeValueAsString(result));
		connections.dispose();
	}

	/*
	 * Until the line on standard input, or its end.
	 */
	private static void awaitCommand(String expected) throws IOException {
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String command;
		while ((command = commands.readLine()) != null && !command.strip().equals(expected)) {
			// not yet
		}
	}

	/*
	 * Requests at once until the pool has opened as many connections (20 rounds at most; the
	 * result says how many more the flood opened): a request that ends early hands its
	 * connection to one not yet sent, so one round may open fewer.
	 */
	private static void openConnections(HttpClient client, int count, Set<ChannelId> opened) {
		for (int round = 0; round < 20 && opened.size() < count; round++) {
			Flux.range(0, count)
				.flatMap((i) -> client.get()
					.uri("/bench/state")
					.responseSingle((response, body) -> body.asString().defaultIfEmpty("")), count)
				.then()
				.block(Duration.ofMinutes(2));
		}
	}

	private static List<JwtPool.Entry> entries(JwtPool jwts, int from, int to) {
		List<JwtPool.Entry> entries = new ArrayList<>(to - from);
		for (int i = from; i < to; i++) {
			entries.add(jwts.get(i));
		}
		return entries;
	}

	/**
	 * Logins {@code from} to {@code from + size - 1} fired at once.
	 */
	private static Mono<List<Long>> wave(int from, int size, IntFunction<Mono<Long>> login) {
		return Flux.range(from, size).flatMap(login::apply, Math.max(1, size)).collectList();
	}

	private static void sleep(double seconds) throws InterruptedException {
		Thread.sleep(Math.round(seconds * 1000));
	}

	private static void signal(String line) {
		System.out.println(line);
		System.out.flush();
	}

}
