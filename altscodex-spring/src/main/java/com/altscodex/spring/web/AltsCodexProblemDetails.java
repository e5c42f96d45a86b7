package com.altscodex.spring.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import com.altscodex.spring.client.AltsCodexException;
import com.altscodex.spring.client.AltsCodexHttpException;
import com.altscodex.spring.client.AuthorizeFailedException;
import com.altscodex.spring.client.AuthorizeRejectedException;
import com.altscodex.spring.client.CallbackTimeoutException;
import com.altscodex.spring.client.ClientShutdownException;
import com.altscodex.spring.client.InvalidCodeException;
import com.altscodex.spring.client.InvalidJwtException;
import com.altscodex.spring.client.TokenRefreshFailedException;

/**
 * Maps AltsCodex client failures to RFC 9457 problem details, with the statuses of the
 * DeOAuth contract. Details describe the failure to the browser without upstream
 * content or secrets; authorize failures carry DeOAuth's {@code code} as a property.
 */
public class AltsCodexProblemDetails {

	/** Problem type URI prefix. */
	public static final String TYPE_PREFIX = "https://altscodex.com/problems/";

	/**
	 * The HTTP status an application should answer for a failure.
	 * @param ex the failure
	 * @return the status
	 */
	public HttpStatus statusFor(AltsCodexException ex) {
		if (ex instanceof AuthorizeFailedException failed) {
			return failed.isExpiredToken() ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_GATEWAY;
		}
		if (ex instanceof CallbackTimeoutException) {
			return HttpStatus.REQUEST_TIMEOUT;
		}
		if (ex instanceof AuthorizeRejectedException) {
			return HttpStatus.BAD_GATEWAY;
		}
		if (ex instanceof ClientShutdownException) {
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		if (ex instanceof InvalidJwtException || ex instanceof InvalidCodeException) {
			return HttpStatus.BAD_REQUEST;
		}
		if (ex instanceof TokenRefreshFailedException) {
			return HttpStatus.UNAUTHORIZED;
		}
		if (ex instanceof AltsCodexHttpException http) {
			return statusForUpstream(http);
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	/*
	 * An upstream 5xx is a bad gateway. An upstream 4xx is our request's fault (our
	 * client credentials, our code exchange), never the browser's, so it is a bad
	 * gateway too, except where the rejected credential is the user's own JWT.
	 */
	private HttpStatus statusForUpstream(AltsCodexHttpException ex) {
		int upstream = ex.getStatusCode();
		if (upstream == 401 && switch (ex.getOperation()) {
			case AUTHORIZE, LOGOUT -> true;
			default -> false;
		}) {
			return HttpStatus.UNAUTHORIZED;
		}
		if (upstream == 429) {
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		return HttpStatus.BAD_GATEWAY;
	}

	/**
	 * The problem detail for a failure.
	 * @param ex the failure
	 * @return the problem detail
	 */
	public ProblemDetail problemFor(AltsCodexException ex) {
		HttpStatus status = statusFor(ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detailFor(ex, status));
		problem.setTitle(titleFor(ex, status));
		problem.setType(URI.create(TYPE_PREFIX + typeFor(ex)));
		if (ex instanceof AuthorizeFailedException failed && failed.getCode() != null) {
			problem.setProperty("code", failed.getCode());
		}
		if (ex instanceof AuthorizeRejectedException rejected && rejected.getCode() != null) {
			problem.setProperty("code", rejected.getCode());
		}
		return problem;
	}

	private String typeFor(AltsCodexException ex) {
		if (ex instanceof AuthorizeFailedException failed) {
			return failed.isExpiredToken() ? "expired-token" : "authorize-failed";
		}
		if (ex instanceof CallbackTimeoutException) {
			return "callback-timeout";
		}
		if (ex instanceof AuthorizeRejectedException) {
			return "authorize-rejected";
		}
		if (ex instanceof ClientShutdownException) {
			return "shutting-down";
		}
		if (ex instanceof InvalidJwtException) {
			return "invalid-jwt";
		}
		if (ex instanceof InvalidCodeException) {
			return "invalid-code";
		}
		if (ex instanceof TokenRefreshFailedException) {
			return "refresh-failed";
		}
		if (ex instanceof AltsCodexHttpException) {
			return "upstream-error";
		}
		return "sign-in-failed";
	}

	private String titleFor(AltsCodexException ex, HttpStatus status) {
		if (ex instanceof AuthorizeFailedException failed && failed.isExpiredToken()) {
			return "Sign-in token expired";
		}
		return switch (typeFor(ex)) {
			case "authorize-failed" -> "Sign-in not authorized";
			case "callback-timeout" -> "Sign-in timed out";
			case "authorize-rejected" -> "Sign-in rejected";
			case "shutting-down" -> "Service shutting down";
			case "invalid-jwt" -> "Invalid sign-in token";
			case "invalid-code" -> "Invalid authorization code";
			case "refresh-failed" -> "Token refresh refused";
			case "upstream-error" -> "Sign-in service error";
			default -> status.getReasonPhrase();
		};
	}

	private String detailFor(AltsCodexException ex, HttpStatus status) {
		if (ex instanceof AuthorizeFailedException failed) {
			return failed.isExpiredToken() ? "The sign-in token has expired; sign in again."
					: "AltsCodex did not authorize the sign-in.";
		}
		if (ex instanceof CallbackTimeoutException) {
			return "AltsCodex did not confirm the sign-in in time; try again.";
		}
		if (ex instanceof AuthorizeRejectedException) {
			return "The sign-in was rejected.";
		}
		if (ex instanceof ClientShutdownException) {
			return "The service is shutting down; try again in a moment.";
		}
		if (ex instanceof InvalidJwtException) {
			return "The sign-in token is not a well-formed JWT.";
		}
		if (ex instanceof InvalidCodeException) {
			return "The authorization code is missing or malformed.";
		}
		if (ex instanceof TokenRefreshFailedException) {
			return "The refresh token was refused; sign in again.";
		}
		if (status == HttpStatus.UNAUTHORIZED) {
			return "AltsCodex refused the sign-in token; sign in again.";
		}
		if (ex instanceof AltsCodexHttpException) {
			return "The sign-in service answered with an error; try again later.";
		}
		return "The sign-in could not be completed.";
	}

}
