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
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.web.server.WebFilterChain;

import com.altscodex.spring.rbac.r2dbc.R2dbcRoleService;
import com.altscodex.spring.security.AltsCodexAuthenticationToken;
import com.altscodex.spring.security.AltsCodexUser;
import com.altscodex.spring.testsupport.r2dbc.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the rest of a request sees of a signed-in user once their roles are looked up,
 * with roles in a real (in-memory) H2.
 */
class RbacAuthoritiesWebFilterTests {

	private CachingReactiveRoleService roles;

	private RbacAuthoritiesWebFilter filter;

	@BeforeEach
	void newDatabase() {
		ConnectionFactory h2 = TestDatabases.h2("filter-roles-" + UUID.randomUUID());
		TestDatabases.applySchema(h2, R2dbcRoleService.SCHEMA_LOCATION_PATTERN, TestDatabases.H2);
		this.roles = new CachingReactiveRoleService(
				new R2dbcRoleService(DatabaseClient.create(h2), new R2dbcTransactionManager(h2)), Duration.ZERO, 0);
		this.roles.createRole("reader", null, "test").block();
		this.roles.grant("reader", "reports:*", "test").block();
		this.roles.assign("alice", "reader", "test").block();
		this.filter = new RbacAuthoritiesWebFilter(this.roles);
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
	void noSecurityContextThenNoneDownstream() {
		AtomicReference<Object> seen = new AtomicReference<>("untouched");
		WebFilterChain chain = (exchange) -> ReactiveSecurityContextHolder.getContext()
			.doOnNext(seen::set)
			.then();
		this.filter.filter(exchange(), chain).block();
		assertThat(seen.get()).isEqualTo("untouched");
	}

	private Authentication seenDownstream(Authentication signedIn) {
		AtomicReference<Authentication> seen = new AtomicReference<>();
		WebFilterChain chain = (exchange) -> ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.doOnNext(seen::set)
			.then();
		this.filter.filter(exchange(), chain)
			.contextWrite(ReactiveSecurityContextHolder.withSecurityContext(Mono.just(new SecurityContextImpl(signedIn))))
			.block();
		return seen.get();
	}

	private static AltsCodexAuthenticationToken signedIn(String slotId) {
		List<GrantedAuthority> user = AuthorityUtils.createAuthorityList("ROLE_USER");
		return new AltsCodexAuthenticationToken(new AltsCodexUser(slotId, "default", "Alice", null, null, user));
	}

	private static MockServerWebExchange exchange() {
		return MockServerWebExchange.from(MockServerHttpRequest.get("/api/reports"));
	}

}
