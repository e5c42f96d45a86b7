package com.altscodex.sample;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import com.altscodex.spring.client.SlotInfo;

/**
 * The signed-in user as the browser sees it: the slot info without its secrets (no
 * {@code access_token}, no {@code code}), in the contract's JSON names.
 *
 * @param id stable user identifier
 * @param contentAddress on-chain wallet address
 * @param tokenNickname nickname of the slot
 * @param trCnt on-chain transfer counter
 */
record SignedInUser(@JsonProperty("id") @Nullable String id,
		@JsonProperty("content_address") @Nullable String contentAddress,
		@JsonProperty("token_nickname") @Nullable String tokenNickname,
		@JsonProperty("tr_cnt") @Nullable Long trCnt) {

	static SignedInUser of(SlotInfo slot) {
		return new SignedInUser(slot.id(), slot.contentAddress(), slot.tokenNickname(), slot.trCnt());
	}

}
