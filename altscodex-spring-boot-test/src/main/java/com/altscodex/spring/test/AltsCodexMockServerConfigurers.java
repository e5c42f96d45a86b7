package com.altscodex.spring.test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers;
import org.springframework.test.web.reactive.server.MockServerConfigurer;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;
import org.springframework.util.Assert;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

import com.altscodex.spring.security.AltsCodexAuthenticationToken;
import com.altscodex.spring.security.AltsCodexUser;

/**
 * Signs a {@link WebTestClient} request in as an AltsCodex user without a round trip to
 * DeOAuth, the analogue of Spring Security's {@code mockOAuth2Login()}: the request's
 * security context holds an {@link AltsCodexAuthenticationToken} for the user, so that
 * controllers, {@code GET /me} and {@code @PreAuthorize} see them.
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * class ReportsTests {
 *
 *     WebTestClient web;
 *
 *     &#64;BeforeEach
 *     void web(&#64;Autowired ApplicationContext context) {
 *         web = WebTestClient.bindToApplicationContext(context)
 *                 .apply(springSecurity())
 *                 .configureClient()
 *                 .build();
 *     }
 *
 *     &#64;Test
 *     void adminSeesReports() {
 *         web.mutateWith(mockAltsCodexLogin().id("alice").authorities("ROLE_ADMIN"))
 *                 .get().uri("/api/reports")
 *                 .exchange()
 *                 .expectStatus().isOk();
 *     }
 *
 * }
 * </pre>
 *
 * Like every mock sign-in of {@code spring-security-test}, it needs a client bound to the
 * application context with {@code springSecurity()} applied, not one bound to a running
 * server. No
 * DeOAuth tokens come with the mock user: an
 * {@link com.altscodex.spring.security.AltsCodexAuthorizedClientManager} finds none. For
 * a real sign-in against the simulator, see {@link AutoConfigureDeOAuthSimulator}.
 */
public final class AltsCodexMockServerConfigurers {

	private AltsCodexMockServerConfigurers() {
	}

	/**
	 * A mock sign-in as the user {@code user}, nickname {@code User}, of the
	 * {@code default} client, with {@code ROLE_USER}.
	 * @return the configurer, to tune with its methods
	 */
	public static AltsCodexLoginMutator mockAltsCodexLogin() {
		return new AltsCodexLoginMutator();
	}

	/**
	 * A mock AltsCodex sign-in; each method sets one attribute of the user.
	 */
	public static final class AltsCodexLoginMutator implements WebTestClientConfigurer, MockServerConfigurer {

		private String id = "user";

		private String clientName = "default";

		private @Nullable String nickname;

		private @Nullable String contentAddress;

		private @Nullable Long transferCount;

		private List<GrantedAuthority> authorities = AuthorityUtils.createAuthorityList("ROLE_USER");

		private @Nullable AltsCodexUser user;

		private AltsCodexLoginMutator() {
		}

		/**
		 * Sets the slot id, the user's name. Defaults to {@code user}.
		 * @param id the slot id
		 * @return this mutator
		 */
		public AltsCodexLoginMutator id(String id) {
			Assert.hasText(id, "id cannot be empty");
			this.id = id;
			return this;
		}

		/**
		 * Sets the nickname. Defaults to the id with a capital first letter.
		 * @param nickname the nickname
		 * @return this mutator
		 */
		public AltsCodexLoginMutator nickname(String nickname) {
			this.nickname = nickname;
			return this;
		}

		/**
		 * Sets the wallet address. Defaults to none.
		 * @param contentAddress the address
		 * @return this mutator
		 */
		public AltsCodexLoginMutator contentAddress(String contentAddress) {
			this.contentAddress = contentAddress;
			return this;
		}

		/**
		 * Sets the transfer counter. Defaults to none.
		 * @param transferCount the counter
		 * @return this mutator
		 */
		public AltsCodexLoginMutator transferCount(long transferCount) {
			this.transferCount = transferCount;
			return this;
		}

		/**
		 * Sets the client registration the user signed in with. Defaults to
		 * {@code default}.
		 * @param clientName the registration name
		 * @return this mutator
		 */
		public AltsCodexLoginMutator clientName(String clientName) {
			Assert.hasText(clientName, "clientName cannot be empty");
			this.clientName = clientName;
			return this;
		}

		/**
		 * Sets the authorities, replacing {@code ROLE_USER}.
		 * @param authorities such as {@code ROLE_ADMIN} or {@code reports:read}
		 * @return this mutator
		 */
		public AltsCodexLoginMutator authorities(String... authorities) {
			this.authorities = AuthorityUtils.createAuthorityList(authorities);
			return this;
		}

		/**
		 * Sets the authorities, replacing {@code ROLE_USER}.
		 * @param authorities the authorities
		 * @return this mutator
		 */
		public AltsCodexLoginMutator authorities(Collection<? extends GrantedAuthority> authorities) {
			Assert.notNull(authorities, "authorities cannot be null");
			this.authorities = new ArrayList<>(authorities);
			return this;
		}

		/**
		 * Signs in as this user exactly (an application's own subclass, say); the other
		 * settings are then ignored.
		 * @param user the user
		 * @return this mutator
		 */
		public AltsCodexLoginMutator user(AltsCodexUser user) {
			Assert.notNull(user, "user cannot be null");
			this.user = user;
			return this;
		}

		@Override
		public void beforeServerCreated(WebHttpHandlerBuilder builder) {
			configurer().beforeServerCreated(builder);
		}

		@Override
		public void afterConfigureAdded(WebTestClient.MockServerSpec<?> serverSpec) {
			configurer().afterConfigureAdded(serverSpec);
		}

		@Override
		public void afterConfigurerAdded(WebTestClient.Builder builder,
				@Nullable WebHttpHandlerBuilder httpHandlerBuilder, @Nullable ClientHttpConnector connector) {
			configurer().afterConfigurerAdded(builder, httpHandlerBuilder, connector);
		}

		private <T extends WebTestClientConfigurer & MockServerConfigurer> T configurer() {
			return SecurityMockServerConfigurers.mockAuthentication(new AltsCodexAuthenticationToken(user()));
		}

		private AltsCodexUser user() {
			if (this.user != null) {
				return this.user;
			}
			String nickname = (this.nickname != null) ? this.nickname
					: Character.toUpperCase(this.id.charAt(0)) + this.id.substring(1);
			return new AltsCodexUser(this.id, this.clientName, nickname, this.contentAddress, this.transferCount,
					this.authorities);
		}

	}

}
