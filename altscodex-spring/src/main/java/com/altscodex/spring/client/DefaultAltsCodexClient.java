package com.altscodex.spring.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.netty.handler.timeout.ReadTimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriUtils;

import com.altscodex.spring.client.pending.AuthorizationCallback;
import com.altscodex.spring.client.pending.InMemoryPendingLoginRegistry;
import com.altscodex.spring.client.pending.PendingLogin;
import com.altscodex.spring.client.pending.PendingLoginRegistry;
import com.altscodex.spring.client.pending.PendingLoginStoreException;
import com.altscodex.spring.client.pending.StateAbbreviation;

/**
 * The {@link AltsCodexClient} on Spring's {@link WebClient}.
 * <p>
 * As a {@link SmartLifecycle} it stops before the web server shuts down gracefully:
 * every pending login then fails with {@link ClientShutdownException} (so its caller
 * can still answer 503 while connections are open), and new logins fail fast.
 * <p>
 * Given an {@link ObservationRegistry}, it observes each login ({@code altscodex.login})
 * and each code exchange ({@code altscodex.code.exchange}) as the parents of WebClient's
 * observations of their calls to DeOAuth; see {@link AltsCodexObservationDocumentation}.
 */
public final class DefaultAltsCodexClient implements AltsCodexClient, SmartLifecycle, DisposableBean {

	/**
	 * Stops after beans in the default phase and before Spring Boot's graceful web
	 * server shutdown ({@code DEFAULT_PHASE - 1024}), which waits for in-flight
	 * requests: pending logins must be failed before that wait begins.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Log logger = LogFactory.getLog(DefaultAltsCodexClient.class);

	private static final byte[] EMPTY = new byte[0];

	private static final int MAX_CODE_LENGTH = 4096;

	private static final LoginObservationConvention DEFAULT_LOGIN_CONVENTION = new DefaultLoginObservationConvention();

	private static final CodeExchangeObservationConvention DEFAULT_CODE_EXCHANGE_CONVENTION =
			new DefaultCodeExchangeObservationConvention();

	private final ClientRegistration registration;

	private final WebClient webClient;

	private final PendingLoginRegistry pendingLogins;

	private final DeOAuthAnswers answers;

	private final JsonMapper jsonMapper;

	private final StateGenerator states = new StateGenerator();

	private final String authorizeUrlPrefix;

	private final URI getTokenUri;

	private final URI refreshUri;

	private final URI logoutUri;

	private final @Nullable ConnectionProvider ownConnectionProvider;

	private final ObservationRegistry observationRegistry;

	private final @Nullable LoginObservationConvention loginObservationConvention;

	private final @Nullable CodeExchangeObservationConvention codeExchangeObservationConvention;

	private final Supplier<LoginObservationContext> loginContexts;

	private final Supplier<CodeExchangeObservationContext> codeExchangeContexts;

	private final MonoLogin.Steps loginSteps = new LoginSteps();

	private volatile boolean running = true;

	private DefaultAltsCodexClient(Builder builder) {
		this.registration = builder.registration;
		this.pendingLogins = (builder.pendingLogins != null) ? builder.pendingLogins
				: new InMemoryPendingLoginRegistry();
		this.jsonMapper = (builder.jsonMapper != null) ? builder.jsonMapper : JsonMapper.shared();
		this.observationRegistry = builder.observationRegistry;
		this.loginObservationConvention = builder.loginObservationConvention;
		this.codeExchangeObservationConvention = builder.codeExchangeObservationConvention;
		this.loginContexts = () -> new LoginObservationContext(this.registration);
		this.codeExchangeContexts = () -> new CodeExchangeObservationContext(this.registration);
		this.answers = new DeOAuthAnswers(this.jsonMapper);
		DeOAuthHttpSettings settings = builder.httpSettings;
		ClientHttpConnector connector = builder.connector;
		if (connector == null) {
			this.ownConnectionProvider = settings.createConnectionProvider("altscodex-" + this.registration.getName());
			connector = settings.createConnector(this.ownConnectionProvider);
		}
		else {
			this.ownConnectionProvider = null;
		}
		WebClient.Builder webClientBuilder = (builder.webClientBuilder != null) ? builder.webClientBuilder.clone()
				: WebClient.builder();
		this.webClient = webClientBuilder.clientConnector(new CredentialApplyingConnector(connector))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(settings.maxResponseSize()))
			.build();
		String base = this.registration.getAuthServerUrl();
		this.authorizeUrlPrefix = base + "/v1/oauth-meta/authorize?client_id=" + encode(this.registration.getClientId())
				+ "&redirect_uri=" + encode(this.registration.getRedirectUri()) + "&respose_type=code&state=";
		this.getTokenUri = URI.create(base + "/v1/oauth-meta/get_token");
		this.refreshUri = URI.create(base + "/oauth/token/refresh");
		this.logoutUri = URI.create(base + "/oauth/logout");
	}

	private static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * Starts building a client for a registration.
	 * @param registration the client registration
	 * @return a builder
	 */
	public static Builder builder(ClientRegistration registration) {
		return new Builder(registration);
	}

	@Override
	public ClientRegistration getRegistration() {
		return this.registration;
	}

	@Override
	public Mono<SlotInfo> getSlotInfo(String jwt) {
		return getSlotInfo(jwt, this.registration.getTimeout());
	}

	@Override
	public Mono<SlotInfo> getSlotInfo(String jwt, Duration timeout) {
		Assert.notNull(timeout, "timeout cannot be null");
		// nothing to wrap around the hot path when no one observes
		return this.observationRegistry.isNoop() ? Mono.defer(() -> login(jwt, timeout))
				: observe(() -> login(jwt, timeout), AltsCodexObservationDocumentation.LOGIN,
						this.loginObservationConvention, DEFAULT_LOGIN_CONVENTION, this.loginContexts);
	}

	private Mono<SlotInfo> login(String jwt, Duration timeout) {
		JwtCredential.check(jwt);
		if (!this.running) {
			return Mono.error(shutdown());
		}
		String state = this.states.next();
		// the login lives as long as it waits for its callback, minutes at worst: it
		// reaches the JWT only through a holder that lets go of it once authorize is sent
		Mono<SlotInfo> result = new MonoLogin(this.loginSteps, state, new OneTimeJwt(jwt), timeout);
		return logger.isDebugEnabled() ? logOutcome(result, state) : result;
	}

	private PendingLogin register(String state, Duration timeout) {
		int limit = this.registration.getMaxPendingLogins();
		PendingLogin pending = this.pendingLogins.register(this.registration.getName(), state, limit, timeout);
		if (pending == null) {
			throw new TooManyPendingLoginsException(this.registration.getName(), limit);
		}
		return pending;
	}

	private Mono<Void> authorize(String state, HttpCredential bearer) {
		return exchange(DeOAuthOperation.AUTHORIZE,
				this.webClient.get()
					.uri(URI.create(this.authorizeUrlPrefix + state))
					.attribute(HttpCredential.ATTRIBUTE, bearer),
				(body) -> {
					this.answers.authorize(body);
					return Boolean.TRUE;
				})
			.then();
	}

	@Override
	public Mono<SlotInfo> exchangeCode(String code) {
		return this.observationRegistry.isNoop() ? Mono.defer(() -> exchange(code))
				: observe(() -> exchange(code), AltsCodexObservationDocumentation.CODE_EXCHANGE,
						this.codeExchangeObservationConvention, DEFAULT_CODE_EXCHANGE_CONVENTION,
						this.codeExchangeContexts);
	}

	private Mono<SlotInfo> exchange(String code) {
		checkCode(code);
		if (!this.running) {
			return Mono.error(shutdown());
		}
		Map<String, String> request = new LinkedHashMap<>();
		request.put("grant_type", "code");
		request.put("code", code);
		request.put("redirect_uri", this.registration.getRedirectUri());
		return exchange(DeOAuthOperation.GET_TOKEN, this.webClient.post()
			.uri(this.getTokenUri)
			.attribute(HttpCredential.ATTRIBUTE, this.registration.basicCredential())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json(request)), this.answers::slotInfo);
	}

	/*
	 * Observes each subscription as a child of the observation in the subscriber's
	 * context, and puts it in the context of the calls made within, where WebClient
	 * looks for its parent. The observed chain is made per subscription: the operators
	 * below keep their source while the login waits, and that source must not be one
	 * that holds the JWT for the next subscription.
	 */
	private <C extends AltsCodexClientObservationContext> Mono<SlotInfo> observe(Supplier<Mono<SlotInfo>> sources,
			AltsCodexObservationDocumentation documentation, @Nullable ObservationConvention<C> convention,
			ObservationConvention<C> defaultConvention, Supplier<C> contexts) {
		return Mono.deferContextual((contextView) -> {
			C context = contexts.get();
			Observation observation = documentation
				.observation(convention, defaultConvention, () -> context, this.observationRegistry)
				.parentObservation(contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			Mono<SlotInfo> source;
			try {
				source = sources.get();
			}
			catch (RuntimeException ex) {
				source = Mono.error(ex);
			}
			// stopped before the outcome travels on, so that whoever sees it finds it recorded
			return source.doOnSuccess((slot) -> {
				if (context.end(LoginOutcome.SUCCESS)) {
					observation.stop();
				}
			}).doOnError((ex) -> {
				if (context.end(LoginOutcome.of(ex))) {
					observation.error(ex);
					observation.stop();
				}
			}).doOnCancel(() -> {
				if (context.end(LoginOutcome.CANCELLED)) {
					observation.stop();
				}
			}).contextWrite((reactorContext) -> reactorContext.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private static Mono<SlotInfo> logOutcome(Mono<SlotInfo> login, String state) {
		String prefix = "Login " + StateAbbreviation.of(state);
		return login.doOnSuccess((slot) -> logger.debug(prefix + " succeeded"))
			.doOnError((ex) -> logger.debug(prefix + " failed: " + LoginOutcome.of(ex).value() + " ("
					+ ex.getClass().getSimpleName() + ")"))
			.doOnCancel(() -> logger.debug(prefix + " cancelled"));
	}

	@Override
	public Mono<TokenSet> refreshTokens(String refreshToken, String code) {
		return Mono.defer(() -> {
			Assert.hasText(refreshToken, "refreshToken must not be empty");
			checkCode(code);
			if (!this.running) {
				return Mono.error(shutdown());
			}
			Map<String, String> request = new LinkedHashMap<>();
			request.put("refresh_token", refreshToken);
			request.put("client_id", this.registration.getClientId());
			request.put("client_secret", this.registration.clientSecret());
			request.put("redirect_uri", this.registration.getRedirectUri());
			request.put("code", code);
			return exchange(DeOAuthOperation.REFRESH, this.webClient.post()
				.uri(this.refreshUri)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(json(request)), this.answers::refresh);
		});
	}

	@Override
	public Mono<Void> logout(String jwt) {
		return Mono.defer(() -> {
			HttpCredential bearer = JwtCredential.bearer(jwt);
			if (!this.running) {
				return Mono.error(shutdown());
			}
			return exchange(DeOAuthOperation.LOGOUT,
					this.webClient.post().uri(this.logoutUri).attribute(HttpCredential.ATTRIBUTE, bearer),
					(body) -> Boolean.TRUE)
				.then();
		});
	}

	private Mono<SlotInfo> exchange(AuthorizationCallback callback) {
		if (!callback.isSuccess()) {
			// an error code such as ACCESS_DENIED, if it looks like one: it comes from the
			// query string of an unauthenticated request
			String reason = AltsCodexException.safeErrorCode(callback.code());
			return Mono.error(new AuthorizeRejectedException(
					"DeOAuth callback rejected the login" + ((reason != null) ? " (code " + reason + ")" : ""),
					reason));
		}
		String code = callback.code();
		if (code == null || code.isEmpty()) {
			return Mono.error(new AuthorizeRejectedException("DeOAuth callback code missing", null));
		}
		return exchangeCode(code);
	}

	private static void checkCode(@Nullable String code) {
		if (code == null || code.isBlank()) {
			throw new InvalidCodeException("it is empty");
		}
		if (code.length() > MAX_CODE_LENGTH) {
			throw new InvalidCodeException("it is longer than " + MAX_CODE_LENGTH + " characters");
		}
	}

	private byte[] json(Map<String, String> request) {
		return this.jsonMapper.writeValueAsBytes(request);
	}

	private <T> Mono<T> exchange(DeOAuthOperation operation, WebClient.RequestHeadersSpec<?> request,
			Function<byte[], T> onSuccess) {
		return request.exchangeToMono((response) -> read(operation, response, onSuccess))
			// an Error (a blocked event loop, an assertion) is not DeOAuth's failure: it travels on as it is
			.onErrorMap((ex) -> ex instanceof Exception && !(ex instanceof AltsCodexException),
					(ex) -> translate(operation, ex));
	}

	private <T> Mono<T> read(DeOAuthOperation operation, ClientResponse response, Function<byte[], T> onSuccess) {
		int status = response.statusCode().value();
		return response.bodyToMono(byte[].class).defaultIfEmpty(EMPTY).map((body) -> {
			if (status < 200 || status > 299) {
				throw this.answers.httpError(operation, status, body);
			}
			return onSuccess.apply(body);
		});
	}

	private AltsCodexException translate(DeOAuthOperation operation, Throwable ex) {
		if (ex instanceof DataBufferLimitException) {
			return new InvalidResponseException(operation, "larger than the configured limit");
		}
		// WebClient wraps transport failures, the response timeout among them
		Throwable cause = (ex instanceof WebClientRequestException) ? ex.getCause() : ex;
		if (cause instanceof ReadTimeoutException) {
			return new DeOAuthTimeoutException("DeOAuth did not answer " + operation.description() + " in time");
		}
		if (ex instanceof WebClientRequestException) {
			return new DeOAuthUnavailableException("Could not reach DeOAuth for " + operation.description() + " at "
					+ this.registration.getAuthServerUrl(), cause);
		}
		return new AltsCodexException("DeOAuth " + operation.description() + " failed: " + ex.getClass().getName());
	}

	private ClientShutdownException shutdown() {
		return new ClientShutdownException(this.registration.getName());
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		int pending = this.pendingLogins.size(this.registration.getName());
		this.pendingLogins.failAll(this.registration.getName(), this::shutdown);
		if (pending > 0 && logger.isInfoEnabled()) {
			logger.info("AltsCodex client '" + this.registration.getName() + "' stopped; failed " + pending
					+ " pending login(s)");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Releases the connection pool the client created for itself, if any (a connector
	 * given to the builder belongs to the caller). Spring calls it when the client is a
	 * bean.
	 */
	@Override
	public void destroy() {
		if (this.ownConnectionProvider != null) {
			this.ownConnectionProvider.dispose();
		}
	}

	@Override
	public String toString() {
		return "DefaultAltsCodexClient[" + this.registration + "]";
	}

	/**
	 * The steps of this client's logins.
	 */
	private final class LoginSteps implements MonoLogin.Steps {

		@Override
		public PendingLogin register(String state, Duration timeout) {
			return DefaultAltsCodexClient.this.register(state, timeout);
		}

		@Override
		public Mono<Void> ready(PendingLogin pending) {
			// a shared store that cannot take the login fails it now, as a 503, rather than
			// let it wait for a callback that could not find it
			return pending.ready()
				.onErrorMap(PendingLoginStoreException.class, PendingLoginStoreUnavailableException::new);
		}

		@Override
		public boolean isRunning() {
			return DefaultAltsCodexClient.this.running;
		}

		@Override
		public Throwable shutdown() {
			return DefaultAltsCodexClient.this.shutdown();
		}

		@Override
		public Mono<Void> authorize(String state, HttpCredential bearer) {
			return DefaultAltsCodexClient.this.authorize(state, bearer);
		}

		@Override
		public Mono<SlotInfo> exchange(AuthorizationCallback callback) {
			return DefaultAltsCodexClient.this.exchange(callback);
		}

	}

	/**
	 * Builds a {@link DefaultAltsCodexClient}.
	 */
	public static final class Builder {

		private final ClientRegistration registration;

		private WebClient.@Nullable Builder webClientBuilder;

		private @Nullable ClientHttpConnector connector;

		private DeOAuthHttpSettings httpSettings = DeOAuthHttpSettings.defaults();

		private @Nullable JsonMapper jsonMapper;

		private @Nullable PendingLoginRegistry pendingLogins;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable LoginObservationConvention loginObservationConvention;

		private @Nullable CodeExchangeObservationConvention codeExchangeObservationConvention;

		private Builder(ClientRegistration registration) {
			Assert.notNull(registration, "registration cannot be null");
			this.registration = registration;
		}

		/**
		 * Sets the {@link WebClient.Builder} to start from (it is cloned), so that the
		 * application's customizers, codecs and observation apply. Defaults to
		 * {@link WebClient#builder()}.
		 * @param webClientBuilder the builder
		 * @return this builder
		 */
		public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
			this.webClientBuilder = webClientBuilder;
			return this;
		}

		/**
		 * Sets the HTTP connector. Defaults to a Reactor Netty connector built from the
		 * {@linkplain #httpSettings(DeOAuthHttpSettings) HTTP settings} on a connection
		 * pool of the client's own, released by {@link DefaultAltsCodexClient#destroy()}.
		 * @param connector the connector
		 * @return this builder
		 */
		public Builder connector(ClientHttpConnector connector) {
			this.connector = connector;
			return this;
		}

		/**
		 * Sets timeouts, the answer size cap and the pool size. Defaults to
		 * {@link DeOAuthHttpSettings#defaults()}.
		 * @param httpSettings the settings
		 * @return this builder
		 */
		public Builder httpSettings(DeOAuthHttpSettings httpSettings) {
			Assert.notNull(httpSettings, "httpSettings cannot be null");
			this.httpSettings = httpSettings;
			return this;
		}

		/**
		 * Sets the JSON mapper used to read and write DeOAuth's JSON. Defaults to
		 * {@link JsonMapper#shared()}.
		 * @param jsonMapper the mapper
		 * @return this builder
		 */
		public Builder jsonMapper(JsonMapper jsonMapper) {
			this.jsonMapper = jsonMapper;
			return this;
		}

		/**
		 * Sets where pending logins wait for their callback: the registry the
		 * application's callback endpoint delivers callbacks to, shared by all its
		 * clients. Defaults to an {@link InMemoryPendingLoginRegistry} of this client's
		 * own, which only a callback endpoint given that registry can reach.
		 * @param pendingLogins the registry
		 * @return this builder
		 */
		public Builder pendingLogins(PendingLoginRegistry pendingLogins) {
			this.pendingLogins = pendingLogins;
			return this;
		}

		/**
		 * Sets the registry that observes logins and code exchanges. Defaults to
		 * {@link ObservationRegistry#NOOP}: nothing is observed, at no cost. For
		 * WebClient's observations of the calls to DeOAuth to become children of the
		 * client's, give the {@linkplain #webClientBuilder(WebClient.Builder) WebClient
		 * builder} the same registry.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			Assert.notNull(observationRegistry, "observationRegistry cannot be null");
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * Sets the convention that names and tags the {@code altscodex.login}
		 * observation. Defaults to a global convention of the registry that supports it,
		 * else {@link DefaultLoginObservationConvention}.
		 * @param convention the convention
		 * @return this builder
		 */
		public Builder loginObservationConvention(LoginObservationConvention convention) {
			Assert.notNull(convention, "convention cannot be null");
			this.loginObservationConvention = convention;
			return this;
		}

		/**
		 * Sets the convention that names and tags the {@code altscodex.code.exchange}
		 * observation. Defaults to a global convention of the registry that supports it,
		 * else {@link DefaultCodeExchangeObservationConvention}.
		 * @param convention the convention
		 * @return this builder
		 */
		public Builder codeExchangeObservationConvention(CodeExchangeObservationConvention convention) {
			Assert.notNull(convention, "convention cannot be null");
			this.codeExchangeObservationConvention = convention;
			return this;
		}

		/**
		 * The registration the client is built for.
		 */
		public ClientRegistration registration() {
			return this.registration;
		}

		/**
		 * Builds the client.
		 * @return the client
		 */
		public DefaultAltsCodexClient build() {
			return new DefaultAltsCodexClient(this);
		}

	}

}
