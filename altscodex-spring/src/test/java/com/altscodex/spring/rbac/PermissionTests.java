package com.altscodex.spring.rbac;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PermissionTests {

	@ParameterizedTest
	@ValueSource(strings = { "reports:read", "reports", "*", "reports:*", "*:read", "a.b-c_d:e:f", "x:*:y", "0:1" })
	void isValidWhenPartsOfTheAlphabetThenTrue(String value) {
		assertThat(Permission.isValid(value)).isTrue();
		assertThat(Permission.of(value).value()).isEqualTo(value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", ":", "reports:", ":read", "reports::read", "Reports:read", "reports read", "re*:read",
			"**", "reports:read\n", "répertoire", "reports/read", "reports:read;drop" })
	void isValidWhenEmptyPartOrForeignCharacterThenFalse(String value) {
		assertThat(Permission.isValid(value)).isFalse();
		assertThatExceptionOfType(InvalidNameException.class).isThrownBy(() -> Permission.of(value));
	}

	@ParameterizedTest
	@ValueSource(ints = { 100, 101 })
	void isValidWhenLongerThanTheMaximumThenFalse(int length) {
		assertThat(Permission.isValid("a".repeat(length))).isEqualTo(length <= Permission.MAX_LENGTH);
	}

	@ParameterizedTest
	@CsvSource({ "reports:read, reports:read, true", "reports:*, reports:read, true", "reports:*, reports:read:eu, true",
			"reports:*, reports, false", "reports:*, reports:*, true", "reports:*, *, false", "*, anything:at:all, true",
			"*:read, reports:read, true", "*:read, reports:write, false", "*:read, reports:read:eu, false",
			"reports:read, reports:*, false", "reports:read, reports:write, false", "reports, reports:read, false",
			"x:*:y, x:a:y, true", "x:*:y, x:a:z, false", "x:*:y, x:a:y:z, false" })
	void impliesThenWildcardPartsStandForAnyPartAndALastOneForTheRest(String held, String wanted, boolean implied) {
		assertThat(Permission.of(held).implies(Permission.of(wanted))).isEqualTo(implied);
	}

	@org.junit.jupiter.api.Test
	void isWildcardThenOnlyWithAStarPart() {
		assertThat(Permission.of("*").isWildcard()).isTrue();
		assertThat(Permission.of("reports:*").isWildcard()).isTrue();
		assertThat(Permission.of("*:read").isWildcard()).isTrue();
		assertThat(Permission.of("reports:read").isWildcard()).isFalse();
	}

}
