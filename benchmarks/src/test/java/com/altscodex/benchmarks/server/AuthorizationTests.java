package com.altscodex.benchmarks.server;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AuthorizationTests {

	@Test
	void propertyValueReadsBack() {
		for (Authorization authorization : Authorization.values()) {
			assertThat(Authorization.of(authorization.propertyValue())).isEqualTo(authorization);
		}
		assertThat(Authorization.WITHOUT_RBAC.propertyValue()).isEqualTo("without-rbac");
		assertThatIllegalArgumentException().isThrownBy(() -> Authorization.of("abac"));
	}

	@Test
	void defaultsGiveTheRoleItsPermissionOrTurnRolesOff() {
		assertThat(Authorization.RBAC.defaults()).containsExactly(
				Map.entry("altscodex.rbac.roles.reader.permissions", "reports:read"));
		assertThat(Authorization.WITHOUT_RBAC.defaults()).containsExactly(
				Map.entry("altscodex.rbac.enabled", "false"));
		assertThat(Authorization.NONE.defaults()).isEmpty();
	}

}
