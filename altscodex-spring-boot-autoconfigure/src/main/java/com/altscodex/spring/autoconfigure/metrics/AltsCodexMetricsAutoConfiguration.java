package com.altscodex.spring.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import com.altscodex.spring.autoconfigure.AltsCodexAutoConfiguration;
import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.client.pending.PendingLoginRegistry;

/**
 * Auto-configures the AltsCodex client metrics ({@code altscodex.pending.logins}) when
 * the application has a Micrometer {@link MeterRegistry}.
 */
@AutoConfiguration(after = AltsCodexAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, MeterBinder.class })
@ConditionalOnBean({ MeterRegistry.class, AltsCodexClients.class })
public final class AltsCodexMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AltsCodexClientMetrics altsCodexClientMetrics(AltsCodexClients clients, PendingLoginRegistry pendingLogins) {
		return new AltsCodexClientMetrics(clients, pendingLogins);
	}

}
