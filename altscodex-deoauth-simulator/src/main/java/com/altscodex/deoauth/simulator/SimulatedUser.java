package com.altscodex.deoauth.simulator;

/**
 * A user known to the {@link DeOAuthSimulator}: the data of the slot it hands out when a
 * code issued for this user is exchanged.
 *
 * @param id the stable user identifier, the {@code sub} of the user's JWTs
 * @param nickname the slot's nickname ({@code token_nickname})
 * @param contentAddress the wallet address, {@code 0x} followed by 40 hex digits
 * @param trCnt the transfer counter ({@code tr_cnt})
 */
public record SimulatedUser(String id, String nickname, String contentAddress, long trCnt) {
}
