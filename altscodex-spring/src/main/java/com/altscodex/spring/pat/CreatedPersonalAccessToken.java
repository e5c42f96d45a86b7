package com.altscodex.spring.pat;

/**
 * A token just created: what is known of it, and, this once, the raw token to hand to
 * its owner. Nothing keeps the raw token after this; {@link #toString()} leaves it out.
 *
 * @param token what is known of the token
 * @param rawToken the token itself
 */
public record CreatedPersonalAccessToken(PersonalAccessToken token, String rawToken) {

	@Override
	public String toString() {
		return "CreatedPersonalAccessToken[token=" + this.token + ", rawToken=[PROTECTED]]";
	}

}
