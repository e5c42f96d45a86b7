package com.altscodex.spring.client;

/**
 * The value of an {@code Authorization} header. It travels as a request attribute and
 * becomes a header only inside the connector, after the framework has logged the
 * request, so that request logging (even with
 * {@code spring.http.codecs.log-request-details=true}) never prints it.
 */
final class HttpCredential {

	static final String ATTRIBUTE = HttpCredential.class.getName();

	private final String headerValue;

	private HttpCredential(String headerValue) {
		this.headerValue = headerValue;
	}

	static HttpCredential of(String headerValue) {
		return new HttpCredential(headerValue);
	}

	String headerValue() {
		return this.headerValue;
	}

	@Override
	public String toString() {
		return "HttpCredential[" + Masking.MASK + "]";
	}

}
