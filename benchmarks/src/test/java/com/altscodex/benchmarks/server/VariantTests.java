package com.altscodex.benchmarks.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VariantTests {

	@Test
	void plainExcludesMetricsAndObservationAutoConfigurationsOnly() {
		assertThat(Variant.isMetricsOrObservation(
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")).isTrue();
		assertThat(Variant.isMetricsOrObservation(
				"org.springframework.boot.webflux.autoconfigure.WebFluxObservationAutoConfiguration")).isTrue();
		assertThat(Variant.isMetricsOrObservation(
				"com.altscodex.spring.autoconfigure.AltsCodexObservationAutoConfiguration")).isTrue();
		assertThat(Variant.isMetricsOrObservation(
				"org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration")).isFalse();
		assertThat(Variant.isMetricsOrObservation(
				"com.altscodex.spring.autoconfigure.AltsCodexAutoConfiguration")).isFalse();
	}

	@Test
	void observedExcludesNothing() {
		assertThat(Variant.OBSERVED.excludedAutoConfigurations(getClass().getClassLoader())).isEmpty();
		assertThat(Variant.PLAIN.excludedAutoConfigurations(getClass().getClassLoader()))
			.contains("org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
			.doesNotContain("org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration");
	}

	@Test
	void starterAutoConfigurationsAreAllOfTheStartersWhateverTheirNames() {
		assertThat(Variant.starterAutoConfigurations(getClass().getClassLoader()))
			.contains("com.altscodex.spring.autoconfigure.AltsCodexAutoConfiguration",
					"com.altscodex.spring.autoconfigure.AltsCodexWebFluxAutoConfiguration")
			.allSatisfy((name) -> assertThat(name).startsWith("com.altscodex.spring."));
	}

}
