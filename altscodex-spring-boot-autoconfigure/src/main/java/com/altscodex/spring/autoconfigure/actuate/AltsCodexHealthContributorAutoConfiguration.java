package com.altscodex.spring.autoconfigure.actuate;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

import com.altscodex.spring.autoconfigure.AltsCodexAutoConfiguration;
import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.client.pending.PendingLoginRegistry;

/**
 * Auto-configures the {@code altscodex} health contributor when Spring Boot's health
 * support is present. Switch it off with {@code management.health.altscodex.enabled=false}.
 */
@AutoConfiguration(after = AltsCodexAutoConfiguration.class)
@ConditionalOnClass({ ReactiveHealthIndicator.class, Mono.class })
@ConditionalOnBean(AltsCodexClients.class)
@ConditionalOnEnabledHealthIndicator("altscodex")
public final class AltsCodexHealthContributorAutoConfiguration {

	/** Name of the health indicator bean; the contributor's name derives from it. */
	public static final String BEAN_NAME = "altscodexHealthIndicator";

	@Bean(BEAN_NAME)
	@ConditionalOnMissingBean(value = AltsCodexHealthIndicator.class,
			name = { BEAN_NAME, "altscodexHealthContributor" })
	AltsCodexHealthIndicator altscodexHealthIndicator(AltsCodexClients clients, PendingLoginRegistry pendingLogins) {
		return new AltsCodexHealthIndicator(clients, pendingLogins);
	}

}
