package com.altscodex.spring.security;

import org.springframework.util.Assert;

import com.altscodex.spring.client.ClientRegistration;
import com.altscodex.spring.client.SlotInfo;

/**
 * What an {@link AltsCodexUserService} gets to make the application's user: the slot
 * DeOAuth answered and the client registration the user signed in with. The slot's
 * access token is there for services that call DeOAuth; it must not end up in the user.
 *
 * @param registration the client registration
 * @param slotInfo the slot, its id present
 */
public record AltsCodexUserRequest(ClientRegistration registration, SlotInfo slotInfo) {

	public AltsCodexUserRequest {
		Assert.notNull(registration, "registration cannot be null");
		Assert.notNull(slotInfo, "slotInfo cannot be null");
	}

}
