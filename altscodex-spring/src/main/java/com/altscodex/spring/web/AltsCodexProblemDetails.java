package com.altscodex.spring.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import com.altscodex.spring.client.AltsCodexException;
import com.altscodex.spring.client.FailureKind;

/**
 * Maps AltsCodex client failures to RFC 9457 problem details, from the
 * {@link FailureKind} table: status, type, title and detail. A problem carries
 * DeOAuth's error code as its {@code code} property when it is one that may be shown
 * ({@link AltsCodexException#getErrorCode()}), and nothing else from upstream.
 * <p>
 * Extend it (and define it as a bean) to word problems differently; the statuses are
 * the contract's.
 */
public class AltsCodexProblemDetails {

	/** Problem type URI prefix. */
	public static final String TYPE_PREFIX = FailureKind.TYPE_PREFIX;

	/**
	 * The HTTP status an application should answer for a failure.
	 * @param ex the failure
	 * @return the status
	 */
	public HttpStatus statusFor(AltsCodexException ex) {
		return ex.getKind().status();
	}

	/**
	 * The problem detail for a failure.
	 * @param ex the failure
	 * @return the problem detail
	 */
	public ProblemDetail problemFor(AltsCodexException ex) {
		ProblemDetail problem = problemFor(ex.getKind());
		problem.setStatus(statusFor(ex));
		String code = ex.getErrorCode();
		if (code != null) {
			problem.setProperty("code", code);
		}
		return problem;
	}

	/**
	 * The problem detail for a kind of failure: its status, type, title and detail.
	 * @param kind the kind of failure
	 * @return the problem detail
	 */
	public ProblemDetail problemFor(FailureKind kind) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(kind.status(), kind.detail());
		problem.setTitle(kind.title());
		problem.setType(kind.typeUri());
		return problem;
	}

}
