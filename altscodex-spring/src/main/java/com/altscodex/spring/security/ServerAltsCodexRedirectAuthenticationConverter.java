package com.altscodex.spring.security;

import java.time.Clock;

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

import com.altscodex.spring.client.FailureKind;
import com.altscodex.spring.client.pending.AuthorizationCallback;
import com.altscodex.spring.web.AltsCodexCallbackHandler;

/**
 * Reads the return leg of a redirect sign-in, the browser's
 * {@code GET <redirect-uri>?state=..&code=..&success=..}, into an
 * {@link AltsCodexLoginAuthenticationToken} with the code, once the state is checked
 * against the one the session stored (CSRF, RFC 6749 §10.12).
 * <p>
 * The stored sign-in is taken from the session before anything else, so it is used once
 * whatever happens: a state that is not the stored one, a session that stored none (a
 * replay, another browser), or a state older than its time to live fail with
 * {@link FailureKind#INVALID_STATE}; a declined sign-in or one without a code with
 * {@link FailureKind#AUTHORIZE_REJECTED}; a malformed query with
 * {@link FailureKind#INVALID_LOGIN_REQUEST}. Nothing is sent to DeOAuth for any of them.
 */
public final class ServerAltsCodexRedirectAuthenticationConverter implements ServerAuthenticationConverter {

	private final ServerAltsCodexLoginRequestRepository loginRequestRepository;

	private Clock clock = Clock.systemUTC();

	/**
	 * Creates a converter.
	 * @param loginRequestRepository where the browser session's sign-in was kept
	 */
	public ServerAltsCodexRedirectAuthenticationConverter(
			ServerAltsCodexLoginRequestRepository loginRequestRepository) {
		Assert.notNull(loginRequestRepository, "loginRequestRepository cannot be null");
		this.loginRequestRepository = loginRequestRepository;
	}

	/**
	 * Sets the clock that tells whether a state has expired. Defaults to the system's,
	 * in UTC.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock cannot be null");
		this.clock = clock;
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		return Mono.defer(() -> {
			AuthorizationCallback callback = parse(exchange.getRequest().getURI().getRawQuery());
			return this.loginRequestRepository.removeLoginRequest(exchange)
				.switchIfEmpty(Mono.error(() -> new AltsCodexAuthenticationException(FailureKind.INVALID_STATE)))
				.map((loginRequest) -> {
					if (!loginRequest.accepts(callback.state(), this.clock.instant())) {
						throw new AltsCodexAuthenticationException(FailureKind.INVALID_STATE);
					}
					String code = callback.code();
					if (!callback.isSuccess() || code == null || code.isEmpty()) {
						throw new AltsCodexAuthenticationException(FailureKind.AUTHORIZE_REJECTED);
					}
					return AltsCodexLoginAuthenticationToken.code(loginRequest.clientName(), code);
				});
		});
	}

	private static AuthorizationCallback parse(String rawQuery) {
		if (rawQuery != null && rawQuery.length() > AltsCodexCallbackHandler.MAX_QUERY_LENGTH) {
			throw new AltsCodexAuthenticationException(FailureKind.INVALID_LOGIN_REQUEST,
					"The query string is too long.");
		}
		try {
			return AuthorizationCallback.parse(rawQuery);
		}
		catch (IllegalArgumentException ex) {
			throw new AltsCodexAuthenticationException(FailureKind.INVALID_LOGIN_REQUEST,
					"The query string is malformed.");
		}
	}

}
