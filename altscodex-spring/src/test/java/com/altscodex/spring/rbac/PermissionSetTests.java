package com.altscodex.spring.rbac;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PermissionSetTests {

	@Test
	void impliesWhenHeldExactlyOrByAWildcardThenTrue() {
		PermissionSet held = PermissionSet.of(List.of("reports:read", "billing:*"));
		assertThat(held.implies("reports:read")).isTrue();
		assertThat(held.implies("billing:refund")).isTrue();
		assertThat(held.implies("reports:write")).isFalse();
		assertThat(held.implies("billing")).isFalse();
	}

	@Test
	void impliesWhenAskedForSomethingThatIsNoPermissionThenFalse() {
		PermissionSet everything = PermissionSet.of(List.of("*"));
		assertThat(everything.implies("reports:read")).isTrue();
		assertThat(everything.implies("ROLE_admin")).isFalse();
		assertThat(everything.implies("")).isFalse();
	}

	@Test
	void impliesAllThenEveryOneMustBeHeld() {
		PermissionSet held = PermissionSet.of(List.of("reports:*"));
		assertThat(held.impliesAll(List.of("reports:read", "reports:write"))).isTrue();
		assertThat(held.impliesAll(List.of("reports:read", "billing:read"))).isFalse();
	}

	@Test
	void intersectWhenTheTokenAsksForLessThanTheOwnerHoldsThenWhatItAsks() {
		PermissionSet owner = PermissionSet.of(List.of("reports:*", "billing:read"));
		assertThat(owner.intersect(PermissionSet.of(List.of("reports:read"))).values())
			.containsExactly("reports:read");
	}

	@Test
	void intersectWhenTheTokenAsksForAWildcardThenOnlyWhatTheOwnerHoldsUnderIt() {
		PermissionSet owner = PermissionSet.of(List.of("reports:read", "billing:read"));
		assertThat(owner.intersect(PermissionSet.of(List.of("reports:*"))).values()).containsExactly("reports:read");
		assertThat(owner.intersect(PermissionSet.of(List.of("*"))).values())
			.containsExactlyInAnyOrder("reports:read", "billing:read");
	}

	@Test
	void intersectWhenTheOwnerHoldsNothingThenNothing() {
		assertThat(PermissionSet.empty().intersect(PermissionSet.of(List.of("*", "reports:read"))).isEmpty()).isTrue();
	}

	@Test
	void ofWhenOneIsNoPermissionThenRefused() {
		assertThatExceptionOfType(InvalidNameException.class)
			.isThrownBy(() -> PermissionSet.of(List.of("reports:read", "DROP TABLE")));
	}

}
