package com.altscodex.spring.security;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.util.Assert;
import org.springframework.web.util.UriComponentsBuilder;

import com.altscodex.spring.client.FailureKind;

/**
 * Sends a browser whose redirect sign-in failed back to a page of the application, with
 * the failure's problem type as the {@code error} query parameter (such as
 * {@code /?error=invalid-state}), so that the page can say what happened in its own
 * words.
 */
public final class AltsCodexRedirectAuthenticationFailureHandler implements ServerAuthenticationFailureHandler {

	private final String failureUrl;

	private ServerRedirectStrategy redirectStrategy = new DefaultServerRedirectStrategy();

	/**
	 * Creates a handler.
	 * @param failureUrl the page to send the browser to
	 */
	public AltsCodexRedirectAuthenticationFailureHandler(String failureUrl) {
		Assert.hasText(failureUrl, "failureUrl cannot be empty");
		this.failureUrl = failureUrl;
	}

	/**
	 * Sets how to redirect. Defaults to {@link DefaultServerRedirectStrategy}.
	 * @param redirectStrategy the strategy
	 */
	public void setRedirectStrategy(ServerRedirectStrategy redirectStrategy) {
		Assert.notNull(redirectStrategy, "redirectStrategy cannot be null");
		this.redirectStrategy = redirectStrategy;
	}

	@Override
	public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange, AuthenticationException exception) {
		FailureKind kind = (exception instanceof AltsCodexAuthenticationException failure) ? failure.getKind()
				: FailureKind.NOT_SIGNED_IN;
		URI location = UriComponentsBuilder.fromUriString(this.failureUrl)
			.replaceQueryParam("error", kind.type())
			.build()
			.toUri();
		return this.redirectStrategy.sendRedirect(webFilterExchange.getExchange(), location);
	}

}
