package com.altscodex.spring.client;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Signs users in with AltsCodex DeOAuth.
 * <p>
 * Every method is lazy: nothing is sent until the returned {@link Mono} is subscribed,
 * and each subscription is a new call. Failures are {@link AltsCodexException}s whose
 * messages never hold secrets or tokens; their {@link FailureKind} says how to answer
 * them.
 * <p>
 * DeOAuth's callbacks reach a login through the application's
 * {@link com.altscodex.spring.client.pending.PendingLoginRegistry}, which the callback
 * endpoint, health and metrics use directly.
 */
public interface AltsCodexClient {

	/**
	 * The registration this client speaks for.
	 */
	ClientRegistration getRegistration();

	/**
	 * Signs in with a browser JWT (the popup flow): registers a pending login under a
	 * fresh state, calls {@code authorize}, waits for the DeOAuth callback and exchanges
	 * its code. Waits at most the registration's timeout. When the client has
	 * {@linkplain ClientRegistration#getMaxPendingLogins() as many logins pending as it
	 * may}, fails at once with {@link TooManyPendingLoginsException}, sending nothing.
	 * @param jwt the JWT the browser obtained from the AltsCodex platform
	 * @return the user's slot info
	 */
	Mono<SlotInfo> getSlotInfo(String jwt);

	/**
	 * Same as {@link #getSlotInfo(String)} with an explicit timeout.
	 * @param jwt the JWT the browser obtained from the AltsCodex platform
	 * @param timeout how long to wait for the callback
	 * @return the user's slot info; {@link CallbackTimeoutException} when the callback
	 * does not come in time
	 */
	Mono<SlotInfo> getSlotInfo(String jwt, Duration timeout);

	/**
	 * Exchanges a one-time code for the slot info ({@code get_token}), as in the
	 * redirect flow after the state has been checked.
	 * @param code the code from the callback or the browser's return
	 * @return the user's slot info
	 */
	Mono<SlotInfo> exchangeCode(String code);

	/**
	 * Refreshes the user's tokens.
	 * @param refreshToken the refresh token
	 * @param code the code that goes with it
	 * @return the new tokens; {@link TokenRefreshFailedException} when DeOAuth refuses
	 */
	Mono<TokenSet> refreshTokens(String refreshToken, String code);

	/**
	 * Logs the user out of DeOAuth.
	 * @param jwt the user's JWT
	 * @return completes when DeOAuth acknowledged the logout
	 */
	Mono<Void> logout(String jwt);

}
