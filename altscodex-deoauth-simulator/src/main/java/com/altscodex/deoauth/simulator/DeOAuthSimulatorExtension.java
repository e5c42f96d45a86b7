package com.altscodex.deoauth.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import reactor.core.publisher.Mono;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Runs a {@link DeOAuthSimulator} for a test class: starts it on a random port before the
 * first test (or earlier, on first use, e.g. from a {@code @DynamicPropertySource} method),
 * closes it after the last one, and resolves {@link DeOAuthSimulator} parameters.
 * <p>
 * Register it in a {@code static} field:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final DeOAuthSimulatorExtension simulator = DeOAuthSimulatorExtension.create()
 *         .client("test-client", "test-secret", "*");
 *
 * &#64;DynamicPropertySource
 * static void altscodex(DynamicPropertyRegistry registry) {
 *     simulator.registerProperties(registry);
 * }
 * </pre>
 *
 * The {@link #behavior() knobs} and the recorded requests and callbacks live as long as
 * the simulator: reset them in a {@code @BeforeEach} method
 * ({@code simulator.behavior().reset()}), or configure the extension with
 * {@link #resetBetweenTests()}. In {@code @Nested} classes the simulator of the outer class
 * is shared and closed after the outer class.
 */
public final class DeOAuthSimulatorExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

	private final DeOAuthSimulator.Builder builder = DeOAuthSimulator.builder();

	private final Object monitor = new Object();

	private boolean resetBetweenTests;

	private @Nullable DeOAuthSimulator simulator;

	private @Nullable Class<?> owner;

	private DeOAuthSimulatorExtension() {
	}

	/**
	 * An extension for a simulator on a random port with no clients.
	 * @return a new extension
	 */
	public static DeOAuthSimulatorExtension create() {
		return new DeOAuthSimulatorExtension();
	}

	/**
	 * The port to bind to. Default {@code 0}, a random free port.
	 * @param port the port
	 * @return this extension
	 * @see DeOAuthSimulator.Builder#port(int)
	 */
	public DeOAuthSimulatorExtension port(int port) {
		configure().port(port);
		return this;
	}

	/**
	 * Registers a client.
	 * @param clientId the client id
	 * @param clientSecret the client secret
	 * @param allowedRedirectUris the redirect URIs the client may use; {@code *} matches
	 * any run of characters, and {@code *} alone allows any URI
	 * @return this extension
	 * @see DeOAuthSimulator.Builder#client(String, String, String...)
	 */
	public DeOAuthSimulatorExtension client(String clientId, String clientSecret, String... allowedRedirectUris) {
		configure().client(clientId, clientSecret, allowedRedirectUris);
		return this;
	}

	/**
	 * Lets the login popup of a client post its JWT to more origins than that of its
	 * redirect URI.
	 * @param clientId the id of a client registered on this extension
	 * @param origins web origins, {@code scheme://host[:port]}
	 * @return this extension
	 * @see DeOAuthSimulator.Builder#clientOrigins(String, String...)
	 */
	public DeOAuthSimulatorExtension clientOrigins(String clientId, String... origins) {
		configure().clientOrigins(clientId, origins);
		return this;
	}

	/**
	 * How many requests {@code requests()} keeps. Default
	 * {@value DeOAuthSimulator#DEFAULT_MAX_RECORDED}.
	 * @param maxRecordedRequests the number of requests to keep
	 * @return this extension
	 * @see DeOAuthSimulator.Builder#maxRecordedRequests(int)
	 */
	public DeOAuthSimulatorExtension maxRecordedRequests(int maxRecordedRequests) {
		configure().maxRecordedRequests(maxRecordedRequests);
		return this;
	}

	/**
	 * How many callbacks {@code callbacks()} keeps. Default
	 * {@value DeOAuthSimulator#DEFAULT_MAX_RECORDED}.
	 * @param maxRecordedCallbacks the number of callbacks to keep
	 * @return this extension
	 * @see DeOAuthSimulator.Builder#maxRecordedCallbacks(int)
	 */
	public DeOAuthSimulatorExtension maxRecordedCallbacks(int maxRecordedCallbacks) {
		configure().maxRecordedCallbacks(maxRecordedCallbacks);
		return this;
	}

	/**
	 * How long issued JWTs are valid. Default 5 minutes.
	 * @param jwtTtl the time-to-live
	 * @return this extension
	 */
	public DeOAuthSimulatorExtension jwtTtl(Duration jwtTtl) {
		configure().jwtTtl(jwtTtl);
		return this;
	}

	/**
	 * How long authorization codes can be exchanged. Default 60 seconds.
	 * @param codeTtl the time-to-live
	 * @return this extension
	 */
	public DeOAuthSimulatorExtension codeTtl(Duration codeTtl) {
		configure().codeTtl(codeTtl);
		return this;
	}

	/**
	 * The HS256 key the JWTs are signed with. Default: a random key.
	 * @param signingKey the key
	 * @return this extension
	 */
	public DeOAuthSimulatorExtension signingKey(String signingKey) {
		configure().signingKey(signingKey);
		return this;
	}

	/**
	 * The clock for JWT and code expiry. Default: the system clock.
	 * @param clock the clock
	 * @return this extension
	 */
	public DeOAuthSimulatorExtension clock(Clock clock) {
		configure().clock(clock);
		return this;
	}

	/**
	 * Before each test, resets the {@link #behavior() knobs} and forgets the recorded
	 * requests and callbacks. Off by default.
	 * @return this extension
	 */
	public DeOAuthSimulatorExtension resetBetweenTests() {
		synchronized (this.monitor) {
			this.resetBetweenTests = true;
		}
		return this;
	}

	private DeOAuthSimulator.Builder configure() {
		synchronized (this.monitor) {
			if (this.simulator != null) {
				throw new IllegalStateException("Configure the DeOAuth simulator extension before it starts");
			}
			return this.builder;
		}
	}

	/**
	 * The simulator, started if it was not yet.
	 * @return the running simulator
	 */
	public DeOAuthSimulator simulator() {
		synchronized (this.monitor) {
			DeOAuthSimulator current = this.simulator;
			if (current == null) {
				current = this.builder.build();
				this.simulator = current;
			}
			return current.start();
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		synchronized (this.monitor) {
			if (this.owner == null) {
				this.owner = context.getRequiredTestClass();
			}
		}
		simulator();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		DeOAuthSimulator stopping;
		synchronized (this.monitor) {
			if (this.owner != context.getRequiredTestClass()) {
				return;
			}
			stopping = this.simulator;
			this.simulator = null;
			this.owner = null;
		}
		if (stopping != null) {
			stopping.close();
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		boolean reset;
		synchronized (this.monitor) {
			reset = this.resetBetweenTests;
		}
		if (reset) {
			DeOAuthSimulator current = simulator();
			current.behavior().reset();
			current.clearRequests();
			current.clearCallbacks();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == DeOAuthSimulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return simulator();
	}

	/**
	 * The port of the simulator.
	 * @return the port
	 */
	public int port() {
		return simulator().port();
	}

	/**
	 * The base URL of the simulator.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String baseUrl() {
		return simulator().baseUrl();
	}

	/**
	 * Sets {@code altscodex.auth-server-url} and {@code altscodex.platform-url} to the
	 * simulator's base URL, starting it if needed.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	public void registerProperties(DynamicPropertyRegistry registry) {
		simulator().registerProperties(registry);
	}

	/**
	 * The knobs of the simulator.
	 * @return its behavior
	 */
	public SimulatorBehavior behavior() {
		return simulator().behavior();
	}

	/**
	 * A valid JWT for a user.
	 * @param userId the user id
	 * @return the JWT
	 */
	public String issueJwt(String userId) {
		return simulator().issueJwt(userId);
	}

	/**
	 * A JWT for a user with an explicit time-to-live (negative for an expired JWT).
	 * @param userId the user id
	 * @param ttl the time-to-live
	 * @return the JWT
	 */
	public String issueJwt(String userId, Duration ttl) {
		return simulator().issueJwt(userId, ttl);
	}

	/**
	 * A refresh token for a user, accepted from any registered client.
	 * @param userId the user id
	 * @return the refresh token
	 */
	public String issueRefreshToken(String userId) {
		return simulator().issueRefreshToken(userId);
	}

	/**
	 * Registers a client while the simulator runs.
	 * @param clientId the client id
	 * @param clientSecret the client secret
	 * @param allowedRedirectUris the allowed redirect URIs, with {@code *} globs
	 */
	public void registerClient(String clientId, String clientSecret, String... allowedRedirectUris) {
		simulator().registerClient(clientId, clientSecret, allowedRedirectUris);
	}

	/**
	 * Lets the login popup of a registered client post its JWT to more origins, while the
	 * simulator runs.
	 * @param clientId the id of a registered client
	 * @param origins web origins, {@code scheme://host[:port]}
	 * @see DeOAuthSimulator#registerClientOrigins(String, String...)
	 */
	public void registerClientOrigins(String clientId, String... origins) {
		simulator().registerClientOrigins(clientId, origins);
	}

	/**
	 * The slot data of a user.
	 * @param userId the user id
	 * @return the user
	 */
	public SimulatedUser user(String userId) {
		return simulator().user(userId);
	}

	/**
	 * The demo users.
	 * @return the demo users
	 */
	public List<SimulatedUser> demoUsers() {
		return simulator().demoUsers();
	}

	/**
	 * The recorded requests.
	 * @return a snapshot, in arrival order
	 */
	public List<RecordedRequest> requests() {
		return simulator().requests();
	}

	/**
	 * The recorded requests on a path.
	 * @param path the path
	 * @return a snapshot, in arrival order
	 */
	public List<RecordedRequest> requests(String path) {
		return simulator().requests(path);
	}

	/**
	 * Forgets the recorded requests.
	 */
	public void clearRequests() {
		simulator().clearRequests();
	}

	/**
	 * The next request on a path.
	 * @param path the path
	 * @return the request, once recorded
	 * @see DeOAuthSimulator#awaitRequest(String)
	 */
	public Mono<RecordedRequest> awaitRequest(String path) {
		return simulator().awaitRequest(path);
	}

	/**
	 * The callbacks sent.
	 * @return a snapshot
	 */
	public List<CallbackAttempt> callbacks() {
		return simulator().callbacks();
	}

	/**
	 * How many callbacks were sent.
	 * @return the number of callback attempts
	 * @see DeOAuthSimulator#callbacksSent()
	 */
	public int callbacksSent() {
		return simulator().callbacksSent();
	}

	/**
	 * Forgets the recorded callbacks.
	 */
	public void clearCallbacks() {
		simulator().clearCallbacks();
	}

	/**
	 * Waits for callbacks.
	 * @param count the number of callback attempts to wait for
	 * @return completes when they are recorded
	 * @see DeOAuthSimulator#awaitCallbacks(int)
	 */
	public Mono<Void> awaitCallbacks(int count) {
		return simulator().awaitCallbacks(count);
	}

	@Override
	public String toString() {
		DeOAuthSimulator current;
		synchronized (this.monitor) {
			current = this.simulator;
		}
		return "DeOAuthSimulatorExtension[" + ((current != null) ? current : "not started") + "]";
	}

}
