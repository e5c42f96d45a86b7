package com.altscodex.spring.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogFormatUtils;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.util.Assert;

import com.altscodex.spring.client.SlotInfo;

/**
 * A user signed in with AltsCodex: the principal of an
 * {@link AltsCodexAuthenticationToken}. Its name is the slot id, the stable identifier
 * DeOAuth gives the user. It holds what may be shown to the user and no secret: the
 * DeOAuth tokens stay in the {@link ServerAltsCodexAuthorizedClientRepository}.
 * <p>
 * Applications that keep users of their own may extend it from their
 * {@link AltsCodexUserService}. It is {@link Serializable}, so that sessions kept outside
 * the JVM (Spring Session) can hold it; a subclass must stay so.
 */
public class AltsCodexUser implements AuthenticatedPrincipal, Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String id;

	private final String clientName;

	private final @Nullable String nickname;

	private final @Nullable String contentAddress;

	private final @Nullable Long transferCount;

	private final Set<GrantedAuthority> authorities;

	// made once: Spring Security's DEBUG messages print the principal on every request,
	// and commons-logging's SLF4J bridge formats them even when DEBUG is off
	private transient @Nullable String description;

	/**
	 * Creates a user.
	 * @param id the slot id
	 * @param clientName the name of the client registration the user signed in with
	 * @param nickname the slot's nickname
	 * @param contentAddress the on-chain wallet address
	 * @param transferCount the on-chain transfer counter
	 * @param authorities the user's authorities
	 */
	public AltsCodexUser(String id, String clientName, @Nullable String nickname, @Nullable String contentAddress,
			@Nullable Long transferCount, Collection<? extends GrantedAuthority> authorities) {
		Assert.hasText(id, "id cannot be empty");
		Assert.hasText(clientName, "clientName cannot be empty");
		Assert.notNull(authorities, "authorities cannot be null");
		this.id = id;
		this.clientName = clientName;
		this.nickname = nickname;
		this.contentAddress = contentAddress;
		this.transferCount = transferCount;
		this.authorities = Collections.unmodifiableSet(new LinkedHashSet<>(authorities));
	}

	/**
	 * The user of a slot.
	 * @param slot the slot info DeOAuth answered; its id must be present
	 * @param clientName the name of the client registration the user signed in with
	 * @param authorities the user's authorities
	 * @return the user
	 */
	public static AltsCodexUser of(SlotInfo slot, String clientName,
			Collection<? extends GrantedAuthority> authorities) {
		Assert.notNull(slot, "slot cannot be null");
		Assert.hasText(slot.id(), "slot id cannot be empty");
		return new AltsCodexUser(Objects.requireNonNull(slot.id()), clientName, slot.tokenNickname(),
				slot.contentAddress(), slot.trCnt(), authorities);
	}

	/**
	 * The same user with other authorities, such as those their roles give them now.
	 * @param authorities the authorities
	 * @return the user
	 */
	public AltsCodexUser withAuthorities(Collection<? extends GrantedAuthority> authorities) {
		return new AltsCodexUser(this.id, this.clientName, this.nickname, this.contentAddress, this.transferCount,
				authorities);
	}

	/**
	 * The slot id.
	 */
	@Override
	public String getName() {
		return this.id;
	}

	/**
	 * The slot id: the stable identifier of the user, the key for the application's own
	 * user.
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * The name of the client registration the user signed in with.
	 */
	public String getClientName() {
		return this.clientName;
	}

	/**
	 * The slot's nickname.
	 */
	public @Nullable String getNickname() {
		return this.nickname;
	}

	/**
	 * The on-chain wallet address.
	 */
	public @Nullable String getContentAddress() {
		return this.contentAddress;
	}

	/**
	 * The on-chain transfer counter.
	 */
	public @Nullable Long getTransferCount() {
		return this.transferCount;
	}

	/**
	 * The user's authorities.
	 */
	public Set<GrantedAuthority> getAuthorities() {
		return this.authorities;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (other == null || getClass() != other.getClass()) {
			return false;
		}
		AltsCodexUser that = (AltsCodexUser) other;
		return this.id.equals(that.id) && this.clientName.equals(that.clientName)
				&& Objects.equals(this.nickname, that.nickname)
				&& Objects.equals(this.contentAddress, that.contentAddress)
				&& Objects.equals(this.transferCount, that.transferCount) && this.authorities.equals(that.authorities);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.id, this.clientName);
	}

	// DeOAuth's strings quoted, line breaks replaced: a crafted nickname cannot forge log lines
	@Override
	public String toString() {
		String description = this.description;
		if (description == null) {
			description = getClass().getSimpleName() + "[id=" + quoted(this.id) + ", client=" + this.clientName
					+ ", nickname=" + quoted(this.nickname) + ", contentAddress=" + quoted(this.contentAddress)
					+ ", transferCount=" + this.transferCount + ", authorities=" + this.authorities + "]";
			this.description = description;
		}
		return description;
	}

	private static @Nullable String quoted(@Nullable String value) {
		return (value != null) ? LogFormatUtils.formatValue(value, 256, true) : null;
	}

}
