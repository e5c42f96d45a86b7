package com.altscodex.spring.client;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Gives out a login's JWT once, as the bearer credential of its authorize request, and
 * forgets it then: a login waiting for its callback holds no JWT.
 */
final class OneTimeJwt {

	private @Nullable String jwt;

	OneTimeJwt(String jwt) {
		this.jwt = jwt;
	}

	HttpCredential bearer() {
		String value = this.jwt;
		Assert.state(value != null, "The authorize request of a login is sent once");
		this.jwt = null;
		return JwtCredential.bearer(value);
	}

	@Override
	public String toString() {
		return "OneTimeJwt[" + ((this.jwt != null) ? "******" : "used") + "]";
	}

}
