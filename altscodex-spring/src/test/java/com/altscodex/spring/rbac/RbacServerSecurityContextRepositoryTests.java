package com.altscodex.spring.rbac;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;

import com.altscodex.spring.rbac.r2dbc.R2dbcRoleService;
import com.altscodex.spring.security.AltsCodexAuthenticationToken;
import com.altscodex.spring.security.AltsCodexUser;
import com.altscodex.spring.testsupport.r2dbc.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a request sees of a signed-in user once their roles are looked up as their context loads,
 * with roles in a real (in-memory) H2.
 */
class RbacServerSecurityContextRepositoryTests {

	private CachingReactiveRoleService roles;

	private final AtomicReference<SecurityContext> kept = new AtomicReference<>();

	private RbacServerSecurityContextRepository repository;

	@BeforeEach
	void newDatabase() {
		ConnectionFactory h2 = TestDatabases.h2("repository-roles-" + UUID.randomUUID());
		TestDatabases.applySchema(h2, R2dbcRoleService.SCHEMA_LOCATION_PATTERN, TestDatabases.H2);
		this.roles = new CachingReactiveRoleService(
				new R2dbcRoleService(DatabaseClient.create(h2), new R2dbcTransactionManager(h2)), Duration.ofMinutes(1),
				100);
		this.roles.createRole("reader", null, "test").block();
		this.roles.grant("reader", "reports:*", "test").block();
		this.roles.assign("alice", "reader", "test").block();
		this.repository = new RbacServerSecurityContextRepository(new ServerSecurityContextRepository() {

			@Override
			public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
				RbacServerSecurityContextRepositoryTests.this.kept.set(context);
				return Mono.empty();
			}

			@Override
			public Mono<SecurityContext> load(ServerWebExchange exchange) {
				return Mono.justOrEmpty(RbacServerSecurityContextRepositoryTests.this.kept.get());
			}

		}, this.roles);
	}

	@Test
	void signedInUserThenTheirRolesAndPermissionsBesideTheirOwn() {
		Authentication seen = seenDownstream(signedIn("alice"));

		assertThat(seen).isInstanceOf(AltsCodexAuthenticationToken.class);
		assertThat(AuthorityUtils.authorityListToSet(seen.getAuthorities())).containsExactlyInAnyOrder("ROLE_USER",
				"ROLE_reader", "reports:*");
		assertThat(AuthorityUtils.authorityListToSet(((AltsCodexUser) seen.getPrincipal()).getAuthorities()))
			.as("the principal /me answers").contains("ROLE_reader");
	}

	@Test
	void roleTakenAwayThenTheNextRequestNoLongerHasIt() {
		assertThat(seenDownstream(signedIn("alice")).getAuthorities()).hasSize(3);

		this.roles.unassign("alice", "reader", "test").block();

		assertThat(AuthorityUtils.authorityListToSet(seenDownstream(signedIn("alice")).getAuthorities()))
			.containsExactly("ROLE_USER");
	}

	@Test
	void otherAuthenticationsThenUnchanged() {
		TestingAuthenticationToken other = new TestingAuthenticationToken("alice", "", "ROLE_USER");
		other.setAuthenticated(true);

		assertThat(seenDownstream(other)).isSameAs(other);
	}

	@Test
	void noSecurityContextThenNone() {
		assertThat(this.repository.load(exchange()).blockOptional()).isEmpty();
	}

	@Test
	void saveThenTheContextAsItIsWithoutTheRoles() {
		SecurityContext signedIn = new SecurityContextImpl(signedIn("alice"));

		this.repository.save(exchange(), signedIn).block();

		assertThat(this.kept.get()).isSameAs(signedIn);
		assertThat(this.repository.load(exchange()).block().getAuthentication().getAuthorities()).hasSize(3);
	}

	@Test
	void sameSessionAndRolesThenTheSameContextAgain() {
		this.kept.set(new SecurityContextImpl(signedIn("alice")));

		assertThat(this.repository.load(exchange()).block()).isSameAs(this.repository.load(exchange()).block());
	}

	private Authentication seenDownstream(Authentication signedIn) {
		this.kept.set(new SecurityContextImpl(signedIn));
		return this.repository.load(exchange()).block().getAuthentication();
	}

	private static AltsCodexAuthenticationToken signedIn(String slotId) {
		List<GrantedAuthority> user = AuthorityUtils.createAuthorityList("ROLE_USER");
		return new AltsCodexAuthenticationToken(new AltsCodexUser(slotId, "default", "Alice", null, null, user));
	}

	private static MockServerWebExchange exchange() {
		return MockServerWebExchange.from(MockServerHttpRequest.get("/api/reports"));
	}

}
