package com.altscodex.spring.autoconfigure.actuate;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import com.altscodex.spring.autoconfigure.AltsCodexAutoConfiguration;
import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.client.pending.PendingLoginRegistry;

/**
 * Auto-configures the {@code altscodex} actuator endpoint when it is available: enabled
 * (the default) and exposed, for example with
 * {@code management.endpoints.web.exposure.include=health,altscodex}.
 */
@AutoConfiguration(after = AltsCodexAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(AltsCodexClients.class)
@ConditionalOnAvailableEndpoint(AltsCodexEndpoint.class)
public final class AltsCodexEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AltsCodexEndpoint altsCodexEndpoint(AltsCodexClients clients, PendingLoginRegistry pendingLogins) {
		return new AltsCodexEndpoint(clients, pendingLogins);
	}

}
