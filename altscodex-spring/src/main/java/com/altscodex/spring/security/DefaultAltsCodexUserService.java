package com.altscodex.spring.security;

import java.util.Collection;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.util.Assert;

/**
 * The slot as it is, with the same authorities for every user: by default
 * {@code ROLE_USER}.
 */
public final class DefaultAltsCodexUserService implements AltsCodexUserService {

	private List<GrantedAuthority> authorities = AuthorityUtils.createAuthorityList("ROLE_USER");

	/**
	 * Sets the authorities every user gets. Defaults to {@code ROLE_USER}.
	 * @param authorities the authorities
	 */
	public void setAuthorities(Collection<? extends GrantedAuthority> authorities) {
		Assert.notNull(authorities, "authorities cannot be null");
		this.authorities = List.copyOf(authorities);
	}

	@Override
	public Mono<AltsCodexUser> loadUser(AltsCodexUserRequest request) {
		return Mono.fromSupplier(() -> AltsCodexUser.of(request.slotInfo(), request.registration().getName(),
				this.authorities));
	}

}
