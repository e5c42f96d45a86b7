package com.altscodex.spring.security;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.client.LoginUrls;

/**
 * Starts a redirect sign-in, like Spring Security's
 * {@code OAuth2AuthorizationRequestRedirectWebFilter}: {@code GET /login/altscodex} (the
 * default client) or {@code GET /login/altscodex/{client}} stores a fresh state in the
 * browser's session ({@link ServerAltsCodexLoginRequestRepository}) and redirects to the
 * platform's login page. The state is accepted once, for {@link #setStateTimeToLive a
 * limited time}. A name that is no client's passes on down the chain.
 */
public final class AltsCodexRedirectLoginWebFilter implements WebFilter {

	private static final String CLIENT_VARIABLE = "client";

	private final PathPattern defaultClientPath;

	private final PathPattern namedClientPath;

	private final String defaultClientName;

	private final Map<String, LoginUrls> loginUrls = new LinkedHashMap<>();

	private final ServerAltsCodexLoginRequestRepository loginRequestRepository;

	private ServerRedirectStrategy redirectStrategy = AltsCodexRedirectLoginWebFilter::redirectQuietly;

	private Duration stateTimeToLive = Duration.ofMinutes(10);

	private Clock clock = Clock.systemUTC();

	/**
	 * Creates a filter.
	 * @param path the path that starts a sign-in with the default client; followed by
	 * {@code /<name>}, with a named client
	 * @param clients the application's clients
	 * @param defaultClientName the client of {@code path} alone
	 * @param loginRequestRepository where to keep the state
	 */
	public AltsCodexRedirectLoginWebFilter(String path, AltsCodexClients clients, String defaultClientName,
			ServerAltsCodexLoginRequestRepository loginRequestRepository) {
		Assert.hasText(path, "path cannot be empty");
		Assert.notNull(clients, "clients cannot be null");
		Assert.isTrue(clients.find(defaultClientName).isPresent(),
				() -> "No AltsCodex client is registered under the name '" + defaultClientName + "'");
		Assert.notNull(loginRequestRepository, "loginRequestRepository cannot be null");
		this.defaultClientPath = PathPatternParser.defaultInstance.parse(path);
		this.namedClientPath = PathPatternParser.defaultInstance.parse(path + "/{" + CLIENT_VARIABLE + "}");
		this.defaultClientName = defaultClientName;
		for (AltsCodexClient client : clients.all()) {
			this.loginUrls.put(client.getRegistration().getName(), new LoginUrls(client.getRegistration()));
		}
		this.loginRequestRepository = loginRequestRepository;
	}

	/**
	 * Sets how long a state is accepted. Defaults to 10 minutes.
	 * @param stateTimeToLive the time to live
	 */
	public void setStateTimeToLive(Duration stateTimeToLive) {
		Assert.isTrue(stateTimeToLive != null && !stateTimeToLive.isNegative() && !stateTimeToLive.isZero(), "stateTimeToLive must be positive");
		this.stateTimeToLive = stateTimeToLive;
	}

	/**
	 * Sets the clock that dates the states. Defaults to the system's, in UTC.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock cannot be null");
		this.clock = clock;
	}

	/**
	 * Sets how to redirect. Defaults to a {@code 302} that, unlike Spring Security's
	 * {@code DefaultServerRedirectStrategy}, does not log the location: it holds the
	 * state.
	 * @param redirectStrategy the strategy
	 */
	public void setRedirectStrategy(ServerRedirectStrategy redirectStrategy) {
		Assert.notNull(redirectStrategy, "redirectStrategy cannot be null");
		this.redirectStrategy = redirectStrategy;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String clientName = clientName(exchange);
		return (clientName != null && this.loginUrls.containsKey(clientName)) ? redirect(exchange, clientName)
				: chain.filter(exchange);
	}

	// decided at once: every request of the application passes here
	private @Nullable String clientName(ServerWebExchange exchange) {
		if (exchange.getRequest().getMethod() != HttpMethod.GET) {
			return null;
		}
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		if (this.defaultClientPath.matches(path)) {
			return this.defaultClientName;
		}
		PathPattern.PathMatchInfo named = this.namedClientPath.matchAndExtract(path);
		return (named != null) ? named.getUriVariables().get(CLIENT_VARIABLE) : null;
	}

	private static Mono<Void> redirectQuietly(ServerWebExchange exchange, URI location) {
		return Mono.fromRunnable(() -> {
			exchange.getResponse().setStatusCode(HttpStatus.FOUND);
			exchange.getResponse().getHeaders().setLocation(location);
		});
	}

	private Mono<Void> redirect(ServerWebExchange exchange, String clientName) {
		LoginUrls urls = this.loginUrls.get(clientName);
		String state = urls.newState();
		AltsCodexLoginRequest loginRequest = new AltsCodexLoginRequest(state, clientName,
				this.clock.instant().plus(this.stateTimeToLive));
		URI location = urls.loginUrl(state);
		return this.loginRequestRepository.saveLoginRequest(loginRequest, exchange)
			.then(this.redirectStrategy.sendRedirect(exchange, location));
	}

}
