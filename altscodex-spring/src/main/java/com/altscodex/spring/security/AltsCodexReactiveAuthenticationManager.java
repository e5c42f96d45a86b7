package com.altscodex.spring.security;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.util.Assert;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.client.AltsCodexException;
import com.altscodex.spring.client.FailureKind;
import com.altscodex.spring.client.SlotInfo;

/**
 * Signs in an {@link AltsCodexLoginAuthenticationToken}: a JWT with
 * {@link AltsCodexClient#getSlotInfo(String)}, a code with
 * {@link AltsCodexClient#exchangeCode(String)}, then the user from the
 * {@link AltsCodexUserService}. Answers empty for any other authentication.
 * <p>
 * Failures are {@link AltsCodexAuthenticationException}s of the client's
 * {@link FailureKind}; a slot without an id is an unusable answer; a failure of the user
 * service that is not an {@link AuthenticationException} is an internal one.
 */
public final class AltsCodexReactiveAuthenticationManager implements ReactiveAuthenticationManager {

	private final AltsCodexClients clients;

	private final AltsCodexUserService userService;

	/**
	 * Creates a manager.
	 * @param clients the application's clients, by registration name
	 * @param userService makes the application's user out of a slot
	 */
	public AltsCodexReactiveAuthenticationManager(AltsCodexClients clients, AltsCodexUserService userService) {
		Assert.notNull(clients, "clients cannot be null");
		Assert.notNull(userService, "userService cannot be null");
		this.clients = clients;
		this.userService = userService;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		if (!(authentication instanceof AltsCodexLoginAuthenticationToken login) || login.isAuthenticated()) {
			return Mono.empty();
		}
		return Mono.defer(() -> signIn(login)).onErrorMap(this::asAuthenticationFailure);
	}

	private Mono<Authentication> signIn(AltsCodexLoginAuthenticationToken login) {
		AltsCodexClient client = this.clients.find(login.getClientName())
			.orElseThrow(() -> new AltsCodexAuthenticationException(FailureKind.INTERNAL));
		String grant = login.getGrant();
		if (grant == null) {
			return Mono.error(new AltsCodexAuthenticationException(FailureKind.INTERNAL));
		}
		boolean jwt = login.getGrantType() == AltsCodexLoginAuthenticationToken.GrantType.JWT;
		Mono<SlotInfo> slot = jwt ? client.getSlotInfo(grant) : client.exchangeCode(grant);
		return slot.flatMap((signedIn) -> {
			String id = signedIn.id();
			if (id == null || id.isBlank()) {
				return Mono.error(new AltsCodexAuthenticationException(FailureKind.INVALID_RESPONSE));
			}
			AltsCodexAuthorizedClient authorizedClient = AltsCodexAuthorizedClient.of(login.getClientName(), signedIn,
					jwt ? grant : null);
			return this.userService.loadUser(new AltsCodexUserRequest(client.getRegistration(), signedIn))
				.switchIfEmpty(Mono.error(() -> new AltsCodexAuthenticationException(FailureKind.INTERNAL)))
				.map((user) -> login.signedIn(user, authorizedClient));
		});
	}

	private Throwable asAuthenticationFailure(Throwable failure) {
		if (failure instanceof AuthenticationException) {
			return failure;
		}
		if (failure instanceof AltsCodexException altsCodex) {
			return AltsCodexAuthenticationException.of(altsCodex);
		}
		if (failure instanceof RuntimeException) {
			return new AltsCodexAuthenticationException(FailureKind.INTERNAL, failure);
		}
		return failure;
	}

}
