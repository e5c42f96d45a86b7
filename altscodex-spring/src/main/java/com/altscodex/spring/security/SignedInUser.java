package com.altscodex.spring.security;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;

/**
 * The signed-in user as the browser sees it, in the contract's JSON names: what
 * {@code POST /login} and {@code GET /me} answer. No token of any kind.
 *
 * @param id the slot id
 * @param tokenNickname the slot's nickname
 * @param contentAddress the on-chain wallet address
 * @param trCnt the on-chain transfer counter
 * @param authorities the user's authorities
 */
public record SignedInUser(@JsonProperty("id") String id,
		@JsonProperty("token_nickname") @Nullable String tokenNickname,
		@JsonProperty("content_address") @Nullable String contentAddress,
		@JsonProperty("tr_cnt") @Nullable Long trCnt, @JsonProperty("authorities") List<String> authorities) {

	/**
	 * The browser's view of a user.
	 * @param user the user
	 * @return what the browser sees
	 */
	public static SignedInUser of(AltsCodexUser user) {
		return new SignedInUser(user.getId(), user.getNickname(), user.getContentAddress(), user.getTransferCount(),
				user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
	}

}
