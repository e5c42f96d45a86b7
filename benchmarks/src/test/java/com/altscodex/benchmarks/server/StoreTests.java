package com.altscodex.benchmarks.server;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StoreTests {

	private static final ClassLoader CLASS_LOADER = StoreTests.class.getClassLoader();

	private static final List<String> REDIS_AND_SESSIONS = List.of(
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
			"org.springframework.boot.session.autoconfigure.SessionAutoConfiguration",
			"org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration");

	@Test
	void propertyValueReadsBack() {
		for (Store store : Store.values()) {
			assertThat(Store.of(store.propertyValue())).isEqualTo(store);
		}
		assertThatIllegalArgumentException().isThrownBy(() -> Store.of("jdbc"));
	}

	@Test
	void memoryExcludesEveryRedisAndSpringSessionAutoConfigurationRedisNone() {
		assertThat(Store.MEMORY.excludedAutoConfigurations(CLASS_LOADER)).containsAll(REDIS_AND_SESSIONS)
			.allMatch(Store::isRedisOrSession);
		assertThat(Store.REDIS.excludedAutoConfigurations(CLASS_LOADER)).isEmpty();
	}

	@Test
	void everyOtherStagesAppsRunWithoutRedisAndSpringSession() {
		for (Variant variant : Variant.values()) {
			for (Security security : Security.values()) {
				assertThat(BenchServers.excludedAutoConfigurations(variant, security, false, CLASS_LOADER))
					.containsAll(REDIS_AND_SESSIONS);
			}
		}
	}

	@Test
	void redisDefaultsPutPendingLoginsAndSessionsUnderThePrefix() {
		assertThat(Store.REDIS.defaults("bench:run:")).containsExactly(Map.entry("altscodex.pending.store", "redis"),
				Map.entry("altscodex.pending.redis.key-prefix", "bench:run:pending:"),
				Map.entry("spring.session.data.redis.namespace", "bench:run:session"));
		assertThat(Store.MEMORY.defaults("bench:run:")).isEmpty();
	}

}
