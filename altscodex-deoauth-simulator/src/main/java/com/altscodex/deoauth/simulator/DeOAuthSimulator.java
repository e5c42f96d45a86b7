package com.altscodex.deoauth.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An embedded DeOAuth server for tests: a real HTTP server on {@code 127.0.0.1} that
 * plays the server side of the AltsCodex DeOAuth contract and the platform's login page,
 * so that applications can be tested without an AltsCodex account.
 * <p>
 * It signs HS256 JWTs for any user id ({@link #issueJwt(String)}), answers
 * {@code authorize} and calls the application back, exchanges codes for slot info, refreshes
 * tokens, logs out, records the requests it receives and the callbacks it sends, and
 * misbehaves on demand through its {@link #behavior() knobs}. Everything it does on its
 * event loops is non-blocking.
 * <p>
 * The records of requests and callbacks keep the latest
 * {@value #DEFAULT_MAX_RECORDED} of each by default. For load tests,
 * {@link Builder#recordTraffic(boolean) recordTraffic(false)} and a
 * {@link Builder#refreshTokenTtl(Duration) refresh-token time-to-live} keep its memory
 * small under millions of requests.
 *
 * <pre class="code">
 * try (DeOAuthSimulator simulator = DeOAuthSimulator.builder()
 *         .client("test-client", "test-secret", "http://127.0.0.1:*&#47;login/altscodex")
 *         .build()
 *         .start()) {
 *     String jwt = simulator.issueJwt("alice");
 *     // point the application at simulator.baseUrl() and sign in with the JWT
 * }
 * </pre>
 *
 * @see DeOAuthSimulatorExtension
 */
public final class DeOAuthSimulator implements AutoCloseable {

	/**
	 * The property that holds the DeOAuth API URL.
	 */
	public static final String AUTH_SERVER_URL_PROPERTY = "altscodex.auth-server-url";

	/**
	 * The property that holds the platform (login page) URL.
	 */
	public static final String PLATFORM_URL_PROPERTY = "altscodex.platform-url";

	/**
	 * How many requests, and how many callbacks, the simulator keeps by default.
	 */
	public static final int DEFAULT_MAX_RECORDED = Journal.DEFAULT_CAPACITY;

	private static final Logger logger = LoggerFactory.getLogger(DeOAuthSimulator.class);

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	private final int requestedPort;

	private final Simulation simulation;

	private final Object lifecycleMonitor = new Object();

	private @Nullable Running running;

	private boolean closed;

	private DeOAuthSimulator(Builder builder) {
		this.requestedPort = builder.port;
		JsonMapper mapper = JsonMapper.builder().build();
		RandomTokens tokens = new RandomTokens();
		String signingKey = (builder.signingKey != null) ? builder.signingKey : tokens.next("", 32);
		ClientRegistry clients = new ClientRegistry();
		builder.clients.forEach(clients::register);
		builder.trustedOrigins.forEach(clients::trustOrigins);
		this.simulation = new Simulation(builder.clock, builder.jwtTtl, mapper, tokens,
				new JwtCodec(signingKey, mapper, tokens), clients, new UserDirectory(),
				new AuthorizationCodes(tokens, builder.clock, builder.codeTtl),
				new RefreshTokens(tokens, builder.clock, builder.refreshTokenTtl), new SimulatorBehavior(),
				new Journal<>(builder.recordTraffic, builder.maxRecordedRequests),
				new Journal<>(builder.recordTraffic, builder.maxRecordedCallbacks))
			.warmUp();
	}

	/**
	 * A builder for a simulator on a random port with no clients.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Binds the server, unless it is already running.
	 * @return this simulator
	 * @throws IllegalStateException when the simulator was closed
	 */
	public DeOAuthSimulator start() {
		synchronized (this.lifecycleMonitor) {
			if (this.closed) {
				throw new IllegalStateException("The DeOAuth simulator has been closed");
			}
			if (this.running == null) {
				this.running = Running.start(this.simulation, this.requestedPort);
				logger.info("DeOAuth simulator listening on {}", this.running.baseUrl());
			}
			return this;
		}
	}

	/**
	 * Stops the server, cancels callbacks not yet sent and releases the HTTP client, and
	 * waits for the shutdown. Closing twice does nothing; a closed simulator cannot be
	 * started again.
	 */
	@Override
	public void close() {
		Running stopping;
		synchronized (this.lifecycleMonitor) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			stopping = this.running;
			this.running = null;
		}
		if (stopping != null) {
			stopping.stop();
			logger.info("DeOAuth simulator on {} stopped", stopping.baseUrl());
		}
	}

	/**
	 * Whether the server is bound and not closed.
	 * @return {@code true} between {@link #start()} and {@link #close()}
	 */
	public boolean isRunning() {
		synchronized (this.lifecycleMonitor) {
			return this.running != null;
		}
	}

	/**
	 * The port the server is bound to.
	 * @return the port
	 * @throws IllegalStateException when the simulator is not running
	 */
	public int port() {
		return running().port();
	}

	/**
	 * The base URL of both the DeOAuth API and the login page, without a trailing slash.
	 * @return {@code http://127.0.0.1:<port>}
	 * @throws IllegalStateException when the simulator is not running
	 */
	public String baseUrl() {
		return running().baseUrl();
	}

	/**
	 * A valid JWT for a user, that expires after the builder's
	 * {@link Builder#jwtTtl(Duration) JWT time-to-live}.
	 * @param userId the user id, the JWT's {@code sub}; unknown ids become users on demand
	 * @return the JWT
	 */
	public String issueJwt(String userId) {
		return issueJwt(userId, this.simulation.jwtTtl());
	}

	/**
	 * A JWT for a user with an explicit time-to-live.
	 * @param userId the user id, the JWT's {@code sub}; unknown ids become users on demand
	 * @param ttl how long the JWT is valid; zero or negative for an already expired JWT
	 * @return the JWT
	 */
	public String issueJwt(String userId, Duration ttl) {
		Objects.requireNonNull(userId, "userId cannot be null");
		Objects.requireNonNull(ttl, "ttl cannot be null");
		return this.simulation.issueJwt(userId, ttl);
	}

	/**
	 * A refresh token for a user that the refresh endpoint accepts (once) from any
	 * registered client.
	 * @param userId the user id
	 * @return the refresh token
	 */
	public String issueRefreshToken(String userId) {
		Objects.requireNonNull(userId, "userId cannot be null");
		return this.simulation.refreshTokens().issue(this.simulation.users().user(userId).id(), null);
	}

	/**
	 * Registers a client, or replaces the client with that id (and forgets the origins
	 * {@link #registerClientOrigins(String, String...) registered} for it). Can be called
	 * while the simulator runs.
	 * @param clientId the client id
	 * @param clientSecret the client secret
	 * @param allowedRedirectUris the redirect URIs the client may use; {@code *} matches
	 * any run of characters (e.g. {@code http://127.0.0.1:*}{@code /login/altscodex}), and
	 * {@code *} alone allows any URI
	 */
	public void registerClient(String clientId, String clientSecret, String... allowedRedirectUris) {
		this.simulation.clients().register(new RegisteredClient(clientId, clientSecret, allowedRedirectUris));
	}

	/**
	 * Lets the login page, opened as a popup for a registered client, post its JWT to
	 * more origins than that of the redirect URI it was opened with, when the page that
	 * opens it names one of them in the {@code origin} parameter. Adds to the origins
	 * already registered; can be called while the simulator runs.
	 * @param clientId the id of a registered client
	 * @param origins web origins, {@code scheme://host[:port]} (e.g.
	 * {@code http://localhost:5173}); no path, no wildcard
	 * @throws IllegalArgumentException when no client has that id or an origin is not a
	 * web origin
	 * @see Builder#clientOrigins(String, String...)
	 */
	public void registerClientOrigins(String clientId, String... origins) {
		Objects.requireNonNull(clientId, "clientId cannot be null");
		this.simulation.clients().trustOrigins(clientId, parseOrigins(origins));
	}

	private static List<WebOrigin> parseOrigins(String... origins) {
		Objects.requireNonNull(origins, "origins cannot be null");
		List<WebOrigin> parsed = new ArrayList<>(origins.length);
		for (String origin : origins) {
			parsed.add(WebOrigin.parse(Objects.requireNonNull(origin, "origins cannot contain null")));
		}
		return parsed;
	}

	/**
	 * The slot data of a user, created on demand for an id that is not a demo user: the
	 * nickname is the id capitalized, the content address and transfer counter derive
	 * from a hash of the id, so the same id always gets the same slot.
	 * @param userId the user id
	 * @return the user
	 */
	public SimulatedUser user(String userId) {
		Objects.requireNonNull(userId, "userId cannot be null");
		return this.simulation.users().user(userId);
	}

	/**
	 * The demo users the login page offers: {@code alice}, {@code bob} and {@code carol}.
	 * @return the demo users
	 */
	public List<SimulatedUser> demoUsers() {
		return this.simulation.users().demoUsers();
	}

	/**
	 * The knobs that make the simulator misbehave on purpose.
	 * @return the behavior, shared by all requests
	 */
	public SimulatorBehavior behavior() {
		return this.simulation.behavior();
	}

	/**
	 * The requests received since the start or the last {@link #clearRequests()}, at most
	 * the latest {@link Builder#maxRecordedRequests(int) maxRecordedRequests} of them.
	 * @return a snapshot, in arrival order; always empty when the simulator was built
	 * with {@link Builder#recordTraffic(boolean) recordTraffic(false)}
	 */
	public List<RecordedRequest> requests() {
		return this.simulation.requests().snapshot();
	}

	/**
	 * The requests received on a path.
	 * @param path the path, e.g. {@code /v1/oauth-meta/get_token}
	 * @return a snapshot, in arrival order
	 */
	public List<RecordedRequest> requests(String path) {
		List<RecordedRequest> matching = new ArrayList<>();
		for (RecordedRequest request : requests()) {
			if (request.path().equals(path)) {
				matching.add(request);
			}
		}
		return List.copyOf(matching);
	}

	/**
	 * Forgets the recorded requests.
	 */
	public void clearRequests() {
		this.simulation.requests().clear();
	}

	/**
	 * Waits for the next request on a path: the returned {@link Mono} completes with the
	 * first such request recorded after this method was called. Add a
	 * {@code timeout(..)}; it never errors by itself, except when the simulator records no
	 * traffic.
	 * @param path the path, e.g. {@code /oauth/logout}
	 * @return the request; an {@link IllegalStateException} when the simulator was built
	 * with {@link Builder#recordTraffic(boolean) recordTraffic(false)}
	 */
	public Mono<RecordedRequest> awaitRequest(String path) {
		Objects.requireNonNull(path, "path cannot be null");
		if (!this.simulation.requests().isRecording()) {
			return Mono.error(notRecording());
		}
		return this.simulation.requests().next((request) -> request.path().equals(path));
	}

	/**
	 * The callbacks sent since the start or the last {@link #clearCallbacks()}, each
	 * recorded once the application answered it (or the attempt failed), at most the
	 * latest {@link Builder#maxRecordedCallbacks(int) maxRecordedCallbacks} of them.
	 * @return a snapshot, in the order the attempts ended; always empty when the simulator
	 * was built with {@link Builder#recordTraffic(boolean) recordTraffic(false)}
	 */
	public List<CallbackAttempt> callbacks() {
		return this.simulation.callbacks().snapshot();
	}

	/**
	 * How many callbacks were sent (and answered or failed) since the start or the last
	 * {@link #clearCallbacks()}, counting those no longer kept in {@link #callbacks()}.
	 * @return the number of callback attempts; always {@code 0} when the simulator was
	 * built with {@link Builder#recordTraffic(boolean) recordTraffic(false)}
	 */
	public int callbacksSent() {
		return (int) Math.min(Integer.MAX_VALUE, this.simulation.callbacks().added());
	}

	/**
	 * Waits until at least {@code count} callbacks have been sent and answered (or have
	 * failed) since the start or the last {@link #clearCallbacks()}, whether or not
	 * {@link #callbacks()} still holds them all. Add a {@code timeout(..)}; it never errors
	 * by itself, except when the simulator records no traffic.
	 * @param count the number of callback attempts to wait for
	 * @return completes when they are recorded; an {@link IllegalStateException} when the
	 * simulator was built with {@link Builder#recordTraffic(boolean) recordTraffic(false)}
	 */
	public Mono<Void> awaitCallbacks(int count) {
		if (!this.simulation.callbacks().isRecording()) {
			return Mono.error(notRecording());
		}
		return this.simulation.callbacks().awaitSize(count);
	}

	private static IllegalStateException notRecording() {
		return new IllegalStateException("The DeOAuth simulator was built with recordTraffic(false)");
	}

	/**
	 * Forgets the recorded callbacks, and those already sent but not answered yet: a
	 * callback sent before this call is never recorded after it.
	 */
	public void clearCallbacks() {
		this.simulation.callbacks().clear();
	}

	/**
	 * Points an application under test at this simulator: sets
	 * {@value #AUTH_SERVER_URL_PROPERTY} and {@value #PLATFORM_URL_PROPERTY} to
	 * {@link #baseUrl()}. Starts the simulator if needed.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	public void registerProperties(DynamicPropertyRegistry registry) {
		String baseUrl = start().baseUrl();
		registry.add(AUTH_SERVER_URL_PROPERTY, () -> baseUrl);
		registry.add(PLATFORM_URL_PROPERTY, () -> baseUrl);
	}

	private Running running() {
		synchronized (this.lifecycleMonitor) {
			if (this.running == null) {
				throw new IllegalStateException(
						this.closed ? "The DeOAuth simulator has been closed" : "The DeOAuth simulator is not started");
			}
			return this.running;
		}
	}

	@Override
	public String toString() {
		Running current;
		synchronized (this.lifecycleMonitor) {
			current = this.running;
		}
		return "DeOAuthSimulator[" + ((current != null) ? current.baseUrl() : (this.closed ? "closed" : "not started"))
				+ "]";
	}

	/**
	 * The resources of a running simulator: its event loops, server, callback client and
	 * the signal that cancels callbacks on shutdown.
	 */
	private record Running(LoopResources loops, ConnectionProvider connections, DisposableServer server,
			ChannelGroup channels, Sinks.Empty<Void> shutdown) {

		static Running start(Simulation simulation, int port) {
			int workers = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
			LoopResources loops = LoopResources.create("deoauth-simulator", workers, true);
			ConnectionProvider connections = ConnectionProvider.builder("deoauth-simulator-callbacks")
				.maxConnections(1000)
				.pendingAcquireMaxCount(-1)
				.pendingAcquireTimeout(Duration.ofSeconds(60))
				.maxIdleTime(Duration.ofSeconds(30))
				.build();
			Sinks.Empty<Void> shutdown = Sinks.empty();
			ChannelGroup channels = new DefaultChannelGroup("deoauth-simulator", GlobalEventExecutor.INSTANCE);
			try {
				HttpClient httpClient = HttpClient.create(connections)
					.runOn(loops)
					.responseTimeout(Duration.ofSeconds(30));
				CallbackSender callbacks = new CallbackSender(httpClient, simulation.callbacks(), shutdown.asMono());
				DeOAuthEndpoints endpoints = new DeOAuthEndpoints(simulation, callbacks, shutdown.asMono());
				DisposableServer server = HttpServer.create()
					.host("127.0.0.1")
					.port(port)
					.runOn(loops)
					.doOnConnection((connection) -> channels.add(connection.channel()))
					.handle(endpoints::handle)
					.bindNow(SHUTDOWN_TIMEOUT);
				return new Running(loops, connections, server, channels, shutdown);
			}
			catch (RuntimeException ex) {
				connections.dispose();
				loops.dispose();
				throw ex;
			}
		}

		int port() {
			return this.server.port();
		}

		String baseUrl() {
			return "http://127.0.0.1:" + port();
		}

		void stop() {
			this.shutdown.tryEmitEmpty();
			try {
				this.server.disposeNow(SHUTDOWN_TIMEOUT);
			}
			catch (RuntimeException ex) {
				logger.warn("DeOAuth simulator server did not stop in time", ex);
			}
			if (!this.channels.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis())) {
				logger.warn("DeOAuth simulator connections were not closed in time");
			}
			try {
				this.connections.disposeLater()
					.then(this.loops.disposeLater(Duration.ZERO, SHUTDOWN_TIMEOUT))
					.block(SHUTDOWN_TIMEOUT.plusSeconds(5));
			}
			catch (RuntimeException ex) {
				logger.warn("DeOAuth simulator resources were not released in time", ex);
			}
		}

	}

	/**
	 * Configures a {@link DeOAuthSimulator}.
	 */
	public static final class Builder {

		private int port;

		private final List<RegisteredClient> clients = new ArrayList<>();

		private Duration jwtTtl = Duration.ofMinutes(5);

		private Duration codeTtl = Duration.ofSeconds(60);

		private @Nullable String signingKey;

		private Clock clock = Clock.systemUTC();

		private boolean recordTraffic = true;

		private int maxRecordedRequests = DEFAULT_MAX_RECORDED;

		private int maxRecordedCallbacks = DEFAULT_MAX_RECORDED;

		private final Map<String, List<WebOrigin>> trustedOrigins = new LinkedHashMap<>();

		private @Nullable Duration refreshTokenTtl;

		private Builder() {
		}

		/**
		 * The port to bind to. Default {@code 0}, a random free port.
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be between 0 and 65535");
			}
			this.port = port;
			return this;
		}

		/**
		 * Registers a client.
		 * @param clientId the client id
		 * @param clientSecret the client secret
		 * @param allowedRedirectUris the redirect URIs the client may use; {@code *}
		 * matches any run of characters, and {@code *} alone allows any URI
		 * @return this builder
		 * @see DeOAuthSimulator#registerClient(String, String, String...)
		 */
		public Builder client(String clientId, String clientSecret, String... allowedRedirectUris) {
			this.clients.add(new RegisteredClient(clientId, clientSecret, allowedRedirectUris));
			return this;
		}

		/**
		 * Lets the login page, opened as a popup for a client, post its JWT to more
		 * origins than that of the redirect URI it was opened with: the page that opens
		 * it names one of them in the {@code origin} parameter, e.g. a single-page app on
		 * a development server whose backend receives the callbacks elsewhere. Without
		 * this, the popup posts only to the redirect URI's origin. Adds to the origins
		 * already registered for the client.
		 * @param clientId the id of a client registered on this builder with
		 * {@link #client(String, String, String...)}
		 * @param origins web origins, {@code scheme://host[:port]} (e.g.
		 * {@code http://localhost:5173}); no path, no wildcard
		 * @return this builder
		 * @throws IllegalArgumentException when no client with that id was registered on
		 * this builder or an origin is not a web origin
		 * @see DeOAuthSimulator#registerClientOrigins(String, String...)
		 */
		public Builder clientOrigins(String clientId, String... origins) {
			Objects.requireNonNull(clientId, "clientId cannot be null");
			if (this.clients.stream().noneMatch((client) -> client.id().equals(clientId))) {
				throw new IllegalArgumentException("Register client '" + clientId + "' before its origins");
			}
			this.trustedOrigins.computeIfAbsent(clientId, (id) -> new ArrayList<>()).addAll(parseOrigins(origins));
			return this;
		}

		/**
		 * How long the JWTs of {@link DeOAuthSimulator#issueJwt(String)} and the login
		 * page are valid. Default 5 minutes.
		 * @param jwtTtl the time-to-live
		 * @return this builder
		 */
		public Builder jwtTtl(Duration jwtTtl) {
			this.jwtTtl = Objects.requireNonNull(jwtTtl, "jwtTtl cannot be null");
			return this;
		}

		/**
		 * How long an authorization code can be exchanged. Default 60 seconds; zero makes
		 * every code expire at once.
		 * @param codeTtl the time-to-live
		 * @return this builder
		 */
		public Builder codeTtl(Duration codeTtl) {
			this.codeTtl = Objects.requireNonNull(codeTtl, "codeTtl cannot be null");
			return this;
		}

		/**
		 * The HS256 key the JWTs are signed with. Default: a random key per simulator.
		 * @param signingKey the key, as UTF-8 text
		 * @return this builder
		 */
		public Builder signingKey(String signingKey) {
			Objects.requireNonNull(signingKey, "signingKey cannot be null");
			if (signingKey.isEmpty()) {
				throw new IllegalArgumentException("signingKey must not be empty");
			}
			this.signingKey = signingKey;
			return this;
		}

		/**
		 * The clock for JWT and code expiry. Default: the system clock.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock cannot be null");
			return this;
		}

		/**
		 * Whether to record the requests received and the callbacks sent, for
		 * {@link DeOAuthSimulator#requests()}, {@link DeOAuthSimulator#callbacks()} and
		 * the {@code await..} methods. Default {@code true}: the latest
		 * {@link #maxRecordedRequests(int) requests} and
		 * {@link #maxRecordedCallbacks(int) callbacks} are kept. Without recording
		 * nothing is kept, not even for a moment (the records hold JWTs and client
		 * credentials): {@code requests()} and {@code callbacks()} are always empty,
		 * {@code callbacksSent()} is {@code 0}, and {@code awaitRequest(..)} and
		 * {@code awaitCallbacks(..)} signal an {@link IllegalStateException}. Switch it
		 * off for load tests.
		 * @param recordTraffic whether to record traffic
		 * @return this builder
		 */
		public Builder recordTraffic(boolean recordTraffic) {
			this.recordTraffic = recordTraffic;
			return this;
		}

		/**
		 * How many of the requests received {@link DeOAuthSimulator#requests()} keeps:
		 * beyond that, each new request drops the oldest. Default
		 * {@value DeOAuthSimulator#DEFAULT_MAX_RECORDED}. {@code awaitRequest(..)} sees
		 * every request, kept or not.
		 * @param maxRecordedRequests the number of requests to keep, positive
		 * @return this builder
		 */
		public Builder maxRecordedRequests(int maxRecordedRequests) {
			if (maxRecordedRequests < 1) {
				throw new IllegalArgumentException("maxRecordedRequests must be positive");
			}
			this.maxRecordedRequests = maxRecordedRequests;
			return this;
		}

		/**
		 * How many of the callbacks sent {@link DeOAuthSimulator#callbacks()} keeps:
		 * beyond that, each new callback drops the oldest. Default
		 * {@value DeOAuthSimulator#DEFAULT_MAX_RECORDED}. {@code callbacksSent()} and
		 * {@code awaitCallbacks(..)} count every callback, kept or not.
		 * @param maxRecordedCallbacks the number of callbacks to keep, positive
		 * @return this builder
		 */
		public Builder maxRecordedCallbacks(int maxRecordedCallbacks) {
			if (maxRecordedCallbacks < 1) {
				throw new IllegalArgumentException("maxRecordedCallbacks must be positive");
			}
			this.maxRecordedCallbacks = maxRecordedCallbacks;
			return this;
		}

		/**
		 * How long a refresh token can be redeemed. Default: refresh tokens never expire.
		 * Every code exchange issues one, and tokens that are never redeemed are kept
		 * until they expire: set a time-to-live for load tests, so that the simulator's
		 * memory stays bounded.
		 * @param refreshTokenTtl the time-to-live, positive
		 * @return this builder
		 */
		public Builder refreshTokenTtl(Duration refreshTokenTtl) {
			Objects.requireNonNull(refreshTokenTtl, "refreshTokenTtl cannot be null");
			if (refreshTokenTtl.isNegative() || refreshTokenTtl.isZero()) {
				throw new IllegalArgumentException("refreshTokenTtl must be positive");
			}
			this.refreshTokenTtl = refreshTokenTtl;
			return this;
		}

		/**
		 * Creates the simulator; call {@link DeOAuthSimulator#start()} to bind it.
		 * @return a new, not yet started simulator
		 */
		public DeOAuthSimulator build() {
			return new DeOAuthSimulator(this);
		}

	}

}
