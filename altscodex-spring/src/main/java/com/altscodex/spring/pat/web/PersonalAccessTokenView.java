package com.altscodex.spring.pat.web;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import com.altscodex.spring.pat.CreatedPersonalAccessToken;
import com.altscodex.spring.pat.PersonalAccessToken;

/**
 * A personal access token as the endpoints answer it: its metadata, and, only in the
 * answer that creates it, the raw token.
 *
 * @param id the token's id
 * @param name what its owner calls it
 * @param scopes the permissions it carries
 * @param createdAt when it was created
 * @param expiresAt when it stops working, or {@code null} for never
 * @param lastUsedAt when it was last used, to the minute, or {@code null}
 * @param token the raw token, only when just created
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonalAccessTokenView(@JsonProperty("id") String id, @JsonProperty("name") String name,
		@JsonProperty("scopes") List<String> scopes, @JsonProperty("created_at") Instant createdAt,
		@JsonProperty("expires_at") @Nullable Instant expiresAt,
		@JsonProperty("last_used_at") @Nullable Instant lastUsedAt, @JsonProperty("token") @Nullable String token) {

	/**
	 * The view of a token.
	 * @param token the token
	 * @return its view, without the raw token
	 */
	public static PersonalAccessTokenView of(PersonalAccessToken token) {
		return new PersonalAccessTokenView(token.id(), token.name(), token.scopes(), token.createdAt(),
				token.expiresAt(), token.lastUsedAt(), null);
	}

	/**
	 * The view of a token just created.
	 * @param created the token and its raw value
	 * @return its view, with the raw token
	 */
	public static PersonalAccessTokenView of(CreatedPersonalAccessToken created) {
		PersonalAccessToken token = created.token();
		return new PersonalAccessTokenView(token.id(), token.name(), token.scopes(), token.createdAt(),
				token.expiresAt(), token.lastUsedAt(), created.rawToken());
	}

	@Override
	public String toString() {
		return "PersonalAccessTokenView[id=" + this.id + ", name=" + this.name + ", scopes=" + this.scopes
				+ ", token=" + ((this.token != null) ? "[PROTECTED]" : "null") + "]";
	}

}
