package com.altscodex.spring.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.core.session.ReactiveSessionRegistry;
import org.springframework.security.web.server.authentication.ConcurrentSessionControlServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.DelegatingServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RegisterSessionServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerMaximumSessionsExceededHandler;
import org.springframework.security.web.server.authentication.SessionLimit;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.logout.HttpStatusReturningServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.savedrequest.CookieServerRequestCache;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.security.ratelimit.SignInRateLimitWebFilter;
import com.altscodex.spring.security.ratelimit.SignInRateLimiter;

/**
 * Applies AltsCodex sign-in to a {@link ServerHttpSecurity}, the way
 * {@code oauth2Login()} applies OAuth 2.0 login. One call in an application's own
 * security configuration:
 *
 * <pre class="code">
 * &#64;Bean
 * SecurityWebFilterChain security(ServerHttpSecurity http, AltsCodexLoginConfigurer altsCodexLogin) {
 *     return altsCodexLogin.configure(http)
 *         .authorizeExchange((exchanges) -&gt; exchanges.anyExchange().authenticated())
 *         .build();
 * }
 * </pre>
 *
 * It adds:
 * <ul>
 * <li>the popup sign-in, {@code POST /login} with {@code {"jwt": ".."}}, answered
 * {@code {"success": true, "user": {..}}} or {@code application/problem+json};</li>
 * <li>the redirect sign-in: {@code GET /login/altscodex[/{client}]} sends the browser to
 * the platform with a state kept in its session; its return,
 * {@code GET <redirect-uri>?state&code&success}, is checked against that state (once, for
 * 10 minutes) and ends on the success URL, or the page the user was going to;</li>
 * <li>{@code POST /logout}: signs out of DeOAuth (best effort), clears the context and
 * invalidates the session, answered {@code 204};</li>
 * <li>{@code GET /me}: the signed-in user, or {@code 401};</li>
 * <li>the security context in the {@code WebSession}, whose id changes at sign-in; the
 * DeOAuth tokens beside it, never in an answer
 * ({@link AltsCodexAuthorizedClientManager});</li>
 * <li>CSRF for single-page applications: an {@code XSRF-TOKEN} cookie on every answer,
 * echoed in {@code X-XSRF-TOKEN}; DeOAuth's server-to-server callback
 * ({@code POST <redirect-uri>}) is exempt and open to anyone;</li>
 * <li>a rate limit on sign-in attempts per client address, when a
 * {@link SignInRateLimiter} is set;</li>
 * <li>at most so many sessions per user, when {@link #setMaximumSessions limited};</li>
 * <li>no session for anonymous requests but a redirect sign-in's start: the page a user
 * was going to is kept in a cookie; and, when the {@link #setSessionCapacity session
 * store's room} is known, a {@code 503} rather than a new session it has no room for;</li>
 * <li>{@code 401} {@code application/problem+json} for API requests that need a user, a
 * redirect to sign-in for browser navigations; {@code 403}
 * {@code application/problem+json} for denied ones.</li>
 * </ul>
 * Configure what else the chain needs after the call; a later setting of the same
 * feature (CSRF, logout, exception handling) replaces this one's. It deliberately is not
 * a {@code Customizer<ServerHttpSecurity>}: as a bean, Spring Security would apply one to
 * every chain of the application.
 */
public final class AltsCodexLoginConfigurer {

	private final AltsCodexClients clients;

	private final ReactiveAuthenticationManager authenticationManager;

	private final ServerAltsCodexProblemWriter writer;

	private final JsonMapper jsonMapper;

	private String defaultClientName;

	private String loginPath = "/login";

	private String redirectLoginPath = "/login/altscodex";

	private String logoutPath = "/logout";

	private String mePath = "/me";

	private String successUrl = "/";

	private @Nullable String failureUrl;

	private @Nullable String signInPage;

	private Duration stateTimeToLive = Duration.ofMinutes(10);

	private Duration deOAuthLogoutTimeout = Duration.ofSeconds(5);

	private Clock clock = Clock.systemUTC();

	private @Nullable SignInRateLimiter rateLimiter;

	private ServerAltsCodexAuthorizedClientRepository authorizedClientRepository = new WebSessionServerAltsCodexAuthorizedClientRepository();

	private ServerAltsCodexLoginRequestRepository loginRequestRepository = new WebSessionServerAltsCodexLoginRequestRepository();

	private ServerSecurityContextRepository securityContextRepository = new WebSessionServerSecurityContextRepository();

	private ServerCsrfTokenRepository csrfTokenRepository = CookieServerCsrfTokenRepository.withHttpOnlyFalse();

	private ServerRequestCache requestCache = new CookieServerRequestCache();

	private @Nullable BooleanSupplier roomForNewSession;

	private @Nullable SessionLimit sessionLimit;

	private @Nullable ReactiveSessionRegistry sessionRegistry;

	private @Nullable ServerMaximumSessionsExceededHandler maximumSessionsExceededHandler;

	private final List<Customizer<ServerHttpSecurity>> customizers = new ArrayList<>();

	/**
	 * Creates a configurer.
	 * @param clients the application's clients; the first is the default one
	 * @param authenticationManager signs in {@link AltsCodexLoginAuthenticationToken}s,
	 * usually an {@link AltsCodexReactiveAuthenticationManager}
	 * @param writer writes the JSON and problem answers
	 * @param jsonMapper reads sign-in requests
	 */
	public AltsCodexLoginConfigurer(AltsCodexClients clients, ReactiveAuthenticationManager authenticationManager,
			ServerAltsCodexProblemWriter writer, JsonMapper jsonMapper) {
		Assert.notNull(clients, "clients cannot be null");
		Assert.notEmpty(clients.names(), "clients must not be empty");
		Assert.notNull(authenticationManager, "authenticationManager cannot be null");
		Assert.notNull(writer, "writer cannot be null");
		Assert.notNull(jsonMapper, "jsonMapper cannot be null");
		this.clients = clients;
		this.authenticationManager = authenticationManager;
		this.writer = writer;
		this.jsonMapper = jsonMapper;
		this.defaultClientName = clients.names().iterator().next();
	}

	/**
	 * Sets the client that {@code POST /login} and {@code GET /login/altscodex} sign in
	 * with. Defaults to the first of the clients.
	 * @param defaultClientName the client's registration name
	 */
	public void setDefaultClientName(String defaultClientName) {
		Assert.isTrue(this.clients.find(defaultClientName).isPresent(),
				() -> "No AltsCodex client is registered under the name '" + defaultClientName + "'");
		this.defaultClientName = defaultClientName;
	}

	/**
	 * Sets the path of the popup sign-in. Defaults to {@code /login}.
	 * @param loginPath the path
	 */
	public void setLoginPath(String loginPath) {
		this.loginPath = path(loginPath, "loginPath");
	}

	/**
	 * Sets the path that starts a redirect sign-in. Defaults to {@code /login/altscodex}.
	 * @param redirectLoginPath the path
	 */
	public void setRedirectLoginPath(String redirectLoginPath) {
		this.redirectLoginPath = path(redirectLoginPath, "redirectLoginPath");
	}

	/**
	 * Sets the path of sign-out. Defaults to {@code /logout}.
	 * @param logoutPath the path
	 */
	public void setLogoutPath(String logoutPath) {
		this.logoutPath = path(logoutPath, "logoutPath");
	}

	/**
	 * Sets the path that answers the signed-in user. Defaults to {@code /me}.
	 * @param mePath the path
	 */
	public void setMePath(String mePath) {
		this.mePath = path(mePath, "mePath");
	}

	/**
	 * Sets where a redirect sign-in ends when the user was not on their way to another
	 * page. Defaults to {@code /}.
	 * @param successUrl the URL
	 */
	public void setSuccessUrl(String successUrl) {
		Assert.hasText(successUrl, "successUrl cannot be empty");
		this.successUrl = successUrl;
	}

	/**
	 * Sets where a failed redirect sign-in sends the browser, with the problem type as the
	 * {@code error} query parameter. Defaults to none: the failure is answered with its
	 * status and {@code application/problem+json}.
	 * @param failureUrl the URL, or {@code null}
	 */
	public void setFailureUrl(@Nullable String failureUrl) {
		this.failureUrl = failureUrl;
	}

	/**
	 * Sets where a browser navigation that needs a signed-in user is sent. Defaults to
	 * the redirect sign-in's path, which goes on to the platform at once.
	 * @param signInPage the page, or {@code null} for the default
	 */
	public void setSignInPage(@Nullable String signInPage) {
		this.signInPage = signInPage;
	}

	/**
	 * Sets how long the state of a redirect sign-in is accepted. Defaults to 10 minutes.
	 * @param stateTimeToLive the time to live
	 */
	public void setStateTimeToLive(Duration stateTimeToLive) {
		Assert.isTrue(stateTimeToLive != null && !stateTimeToLive.isNegative() && !stateTimeToLive.isZero(), "stateTimeToLive must be positive");
		this.stateTimeToLive = stateTimeToLive;
	}

	/**
	 * Sets how long DeOAuth's logout may take before sign-out stops waiting for it, in the
	 * background. Defaults to 5 seconds.
	 * @param deOAuthLogoutTimeout the timeout
	 */
	public void setDeOAuthLogoutTimeout(Duration deOAuthLogoutTimeout) {
		Assert.isTrue(deOAuthLogoutTimeout != null && !deOAuthLogoutTimeout.isNegative() && !deOAuthLogoutTimeout.isZero(),
				"deOAuthLogoutTimeout must be positive");
		this.deOAuthLogoutTimeout = deOAuthLogoutTimeout;
	}

	/**
	 * Sets the clock that dates redirect states. Defaults to the system's, in UTC.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock cannot be null");
		this.clock = clock;
	}

	/**
	 * Sets the limiter of sign-in attempts per client address. Defaults to none.
	 * @param rateLimiter the limiter, or {@code null}
	 */
	public void setRateLimiter(@Nullable SignInRateLimiter rateLimiter) {
		this.rateLimiter = rateLimiter;
	}

	/**
	 * Sets where the DeOAuth tokens are kept. Defaults to the {@code WebSession}; use the
	 * same repository as the application's {@link AltsCodexAuthorizedClientManager}.
	 * @param authorizedClientRepository the repository
	 */
	public void setAuthorizedClientRepository(ServerAltsCodexAuthorizedClientRepository authorizedClientRepository) {
		Assert.notNull(authorizedClientRepository, "authorizedClientRepository cannot be null");
		this.authorizedClientRepository = authorizedClientRepository;
	}

	/**
	 * Sets where a redirect sign-in's state is kept. Defaults to the {@code WebSession}.
	 * @param loginRequestRepository the repository
	 */
	public void setLoginRequestRepository(ServerAltsCodexLoginRequestRepository loginRequestRepository) {
		Assert.notNull(loginRequestRepository, "loginRequestRepository cannot be null");
		this.loginRequestRepository = loginRequestRepository;
	}

	/**
	 * Sets where the security context is kept. Defaults to the {@code WebSession}.
	 * @param securityContextRepository the repository
	 */
	public void setSecurityContextRepository(ServerSecurityContextRepository securityContextRepository) {
		Assert.notNull(securityContextRepository, "securityContextRepository cannot be null");
		this.securityContextRepository = securityContextRepository;
	}

	/**
	 * Sets where the CSRF token is kept. Defaults to the {@code XSRF-TOKEN} cookie,
	 * readable by scripts, echoed in the {@code X-XSRF-TOKEN} header.
	 * @param csrfTokenRepository the repository
	 */
	public void setCsrfTokenRepository(ServerCsrfTokenRepository csrfTokenRepository) {
		Assert.notNull(csrfTokenRepository, "csrfTokenRepository cannot be null");
		this.csrfTokenRepository = csrfTokenRepository;
	}

	/**
	 * Sets where the page a signed-out user was going to is kept until they have signed
	 * in. Defaults to a cookie: an anonymous navigation creates no session.
	 * @param requestCache the cache
	 */
	public void setRequestCache(ServerRequestCache requestCache) {
		Assert.notNull(requestCache, "requestCache cannot be null");
		this.requestCache = requestCache;
	}

	/**
	 * Sets how to tell whether the session store can take one more session. When set, a
	 * sign-in attempt that would need a new session while it cannot is answered
	 * {@code 503} at once ({@link SessionCapacityWebFilter}). Defaults to none.
	 * @param roomForNewSession whether there is room, or {@code null}
	 */
	public void setSessionCapacity(@Nullable BooleanSupplier roomForNewSession) {
		this.roomForNewSession = roomForNewSession;
	}

	/**
	 * Limits how many sessions a user may have at once, as Spring Security's
	 * {@code concurrentSessions()} does for its own logins. Defaults to no limit.
	 * @param sessionLimit the most sessions per user
	 * @param sessionRegistry knows each user's sessions
	 * @param maximumSessionsExceededHandler what happens to a sign-in beyond the limit,
	 * such as {@code InvalidateLeastUsedServerMaximumSessionsExceededHandler}
	 */
	public void setMaximumSessions(SessionLimit sessionLimit, ReactiveSessionRegistry sessionRegistry,
			ServerMaximumSessionsExceededHandler maximumSessionsExceededHandler) {
		Assert.notNull(sessionLimit, "sessionLimit cannot be null");
		Assert.notNull(sessionRegistry, "sessionRegistry cannot be null");
		Assert.notNull(maximumSessionsExceededHandler, "maximumSessionsExceededHandler cannot be null");
		this.sessionLimit = sessionLimit;
		this.sessionRegistry = sessionRegistry;
		this.maximumSessionsExceededHandler = maximumSessionsExceededHandler;
	}

	/**
	 * Adds a feature built on AltsCodex sign-in, applied to every chain this configurer
	 * configures, after sign-in: the auto-configuration adds roles and personal access
	 * tokens this way.
	 * @param customizer the feature
	 */
	public void addCustomizer(Customizer<ServerHttpSecurity> customizer) {
		Assert.notNull(customizer, "customizer cannot be null");
		this.customizers.add(customizer);
	}

	/**
	 * The repository the DeOAuth tokens are kept in.
	 */
	public ServerAltsCodexAuthorizedClientRepository getAuthorizedClientRepository() {
		return this.authorizedClientRepository;
	}

	/**
	 * Applies AltsCodex sign-in to a chain under construction.
	 * @param http the chain's builder
	 * @return the same builder, to go on configuring it
	 */
	public ServerHttpSecurity configure(ServerHttpSecurity http) {
		Assert.notNull(http, "http cannot be null");
		PathServerWebExchangeMatcher callbackPosts = callbacks(HttpMethod.POST);
		PathServerWebExchangeMatcher callbackReturns = callbacks(HttpMethod.GET);
		PathServerWebExchangeMatcher popupSignIns = PathServerWebExchangeMatcher.of(null, this.loginPath);
		PathServerWebExchangeMatcher redirectSignIns = PathServerWebExchangeMatcher.of(HttpMethod.GET,
				this.redirectLoginPath, this.redirectLoginPath + "/*");
		PathServerWebExchangeMatcher signInAttempts = popupSignIns.or(redirectSignIns).or(callbackReturns);
		AltsCodexProblemAccessDeniedHandler accessDenied = new AltsCodexProblemAccessDeniedHandler(this.writer);

		http.securityContextRepository(this.securityContextRepository);
		http.csrf((csrf) -> csrf.csrfTokenRepository(this.csrfTokenRepository)
			// not the XOR handler: the page echoes the cookie's value as it is
			.csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
			// DeOAuth's callback is a server, not a browser: it has no token to send
			.requireCsrfProtectionMatcher(new CsrfProtectedRequests(callbackPosts))
			.accessDeniedHandler(accessDenied));
		http.addFilterAfter(new CsrfTokenSubscribingWebFilter(), SecurityWebFiltersOrder.CSRF);
		if (this.rateLimiter != null) {
			// before CSRF and sessions: a refused attempt costs as little as possible
			http.addFilterBefore(new SignInRateLimitWebFilter(signInAttempts, this.rateLimiter,
					this.writer.getProblemDetails(), this.writer.getJsonWriter()), SecurityWebFiltersOrder.CSRF);
		}
		if (this.roomForNewSession != null) {
			http.addFilterBefore(new SessionCapacityWebFilter(signInAttempts, this.roomForNewSession, this.writer),
					SecurityWebFiltersOrder.CSRF);
		}
		http.requestCache((cache) -> cache.requestCache(this.requestCache));
		http.addFilterAt(redirectLoginFilter(), SecurityWebFiltersOrder.HTTP_BASIC);
		http.addFilterAt(popupLoginFilter(popupSignIns), SecurityWebFiltersOrder.AUTHENTICATION);
		http.addFilterAt(redirectReturnFilter(callbackReturns), SecurityWebFiltersOrder.AUTHENTICATION);
		http.addFilterBefore(new AltsCodexCurrentUserWebFilter(this.mePath, this.writer),
				SecurityWebFiltersOrder.EXCEPTION_TRANSLATION);
		AltsCodexLogoutHandler deOAuthLogout = new AltsCodexLogoutHandler(this.clients,
				this.authorizedClientRepository);
		deOAuthLogout.setDeOAuthLogoutTimeout(this.deOAuthLogoutTimeout);
		http.logout((logout) -> logout.requiresLogout(PathServerWebExchangeMatcher.of(HttpMethod.POST, this.logoutPath))
			.logoutHandler((handlers) -> {
			// first: it reads the tokens from the session the last one invalidates
			handlers.add(0, deOAuthLogout);
			handlers.add(new WebSessionServerLogoutHandler());
		}).logoutSuccessHandler(new HttpStatusReturningServerLogoutSuccessHandler(HttpStatus.NO_CONTENT)));
		http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint())
			.accessDeniedHandler(accessDenied));
		http.authorizeExchange((exchanges) -> exchanges.matchers(callbackPosts).permitAll());
		if (this.sessionLimit != null) {
			// keeps the registry's last-access times; our login filters get the limit below
			http.sessionManagement((sessions) -> sessions.concurrentSessions((concurrent) -> concurrent
				.maximumSessions(this.sessionLimit)
				.sessionRegistry(this.sessionRegistry)
				.maximumSessionsExceededHandler(this.maximumSessionsExceededHandler)));
		}
		for (Customizer<ServerHttpSecurity> customizer : this.customizers) {
			customizer.customize(http);
		}
		return http;
	}

	private PathServerWebExchangeMatcher callbacks(HttpMethod method) {
		Set<String> paths = new LinkedHashSet<>();
		for (AltsCodexClient client : this.clients.all()) {
			paths.add(client.getRegistration().getCallbackPath());
		}
		return PathServerWebExchangeMatcher.of(method, paths.toArray(String[]::new));
	}

	private AltsCodexRedirectLoginWebFilter redirectLoginFilter() {
		AltsCodexRedirectLoginWebFilter filter = new AltsCodexRedirectLoginWebFilter(this.redirectLoginPath,
				this.clients, this.defaultClientName, this.loginRequestRepository);
		filter.setStateTimeToLive(this.stateTimeToLive);
		filter.setClock(this.clock);
		return filter;
	}

	private AltsCodexLoginWebFilter popupLoginFilter(PathServerWebExchangeMatcher popupSignIns) {
		AltsCodexLoginWebFilter filter = loginFilter();
		filter.setSignInRequests(popupSignIns);
		filter.setServerAuthenticationConverter(
				new ServerAltsCodexJwtAuthenticationConverter(this.defaultClientName, this.jsonMapper));
		filter.setAuthenticationSuccessHandler(
				withSessionControl(new AltsCodexJsonAuthenticationSuccessHandler(this.writer)));
		filter.setAuthenticationFailureHandler(new AltsCodexProblemAuthenticationFailureHandler(this.writer));
		return filter;
	}

	private AltsCodexLoginWebFilter redirectReturnFilter(PathServerWebExchangeMatcher callbackReturns) {
		AltsCodexLoginWebFilter filter = loginFilter();
		filter.setSignInRequests(callbackReturns);
		ServerAltsCodexRedirectAuthenticationConverter converter = new ServerAltsCodexRedirectAuthenticationConverter(
				this.loginRequestRepository);
		converter.setClock(this.clock);
		filter.setServerAuthenticationConverter(converter);
		RedirectServerAuthenticationSuccessHandler success = new RedirectServerAuthenticationSuccessHandler(
				this.successUrl);
		success.setRequestCache(this.requestCache);
		filter.setAuthenticationSuccessHandler(withSessionControl(success));
		ServerAuthenticationFailureHandler failureHandler = (this.failureUrl != null)
				? new AltsCodexRedirectAuthenticationFailureHandler(this.failureUrl)
				: new AltsCodexProblemAuthenticationFailureHandler(this.writer);
		filter.setAuthenticationFailureHandler(failureHandler);
		return filter;
	}

	private ServerAuthenticationSuccessHandler withSessionControl(ServerAuthenticationSuccessHandler answer) {
		if (this.sessionLimit == null || this.sessionRegistry == null || this.maximumSessionsExceededHandler == null) {
			return answer;
		}
		ConcurrentSessionControlServerAuthenticationSuccessHandler control = new ConcurrentSessionControlServerAuthenticationSuccessHandler(
				this.sessionRegistry, this.maximumSessionsExceededHandler);
		control.setSessionLimit(this.sessionLimit);
		return new DelegatingServerAuthenticationSuccessHandler(control,
				new RegisterSessionServerAuthenticationSuccessHandler(this.sessionRegistry), answer);
	}

	private AltsCodexLoginWebFilter loginFilter() {
		AltsCodexLoginWebFilter filter = new AltsCodexLoginWebFilter(this.authenticationManager,
				this.authorizedClientRepository);
		filter.setSecurityContextRepository(this.securityContextRepository);
		return filter;
	}

	private DelegatingServerAuthenticationEntryPoint entryPoint() {
		String page = (this.signInPage != null) ? this.signInPage : this.redirectLoginPath;
		List<DelegatingServerAuthenticationEntryPoint.DelegateEntry> entries = new ArrayList<>();
		RedirectServerAuthenticationEntryPoint toSignIn = new RedirectServerAuthenticationEntryPoint(page);
		toSignIn.setRequestCache(this.requestCache);
		entries.add(new DelegatingServerAuthenticationEntryPoint.DelegateEntry(
				new BrowserNavigationServerWebExchangeMatcher(), toSignIn));
		DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(entries);
		entryPoint.setDefaultEntryPoint(new AltsCodexProblemAuthenticationEntryPoint(this.writer));
		return entryPoint;
	}

	private static String path(String path, String name) {
		Assert.isTrue(path != null && path.startsWith("/"), () -> name + " must start with '/'");
		return path;
	}

	/**
	 * The requests CSRF protects: state-changing methods, except DeOAuth's callback.
	 * Decided at once, without Spring Security's logging matchers: every request passes.
	 */
	private static final class CsrfProtectedRequests implements ServerWebExchangeMatcher {

		private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.TRACE,
				HttpMethod.OPTIONS);

		private static final Mono<MatchResult> MATCH = MatchResult.match();

		private static final Mono<MatchResult> NO_MATCH = MatchResult.notMatch();

		private final PathServerWebExchangeMatcher exempt;

		CsrfProtectedRequests(PathServerWebExchangeMatcher exempt) {
			this.exempt = exempt;
		}

		@Override
		public Mono<MatchResult> matches(ServerWebExchange exchange) {
			return (!SAFE.contains(exchange.getRequest().getMethod()) && !this.exempt.test(exchange)
					&& !CsrfTokenSubscribingWebFilter.hasBearerToken(exchange)) ? MATCH : NO_MATCH;
		}

		@Override
		public String toString() {
			return "CSRF-protected requests, except bearer requests and " + this.exempt;
		}

	}

}
