package com.altscodex.spring.autoconfigure;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.client.WebClient;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.AltsCodexClients;

/**
 * Auto-configures an {@link AltsCodexClient} per client configured under
 * {@code altscodex.*}, and the {@link AltsCodexClients} registry. Backs off entirely
 * when no client is configured.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnClass(WebClient.class)
@Conditional(OnAltsCodexClientCondition.class)
@EnableConfigurationProperties(AltsCodexProperties.class)
public final class AltsCodexAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AltsCodexClientFactory altsCodexClientFactory(AltsCodexProperties properties,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<AltsCodexClientBuilderCustomizer> customizers) {
		// Boot's builder carries the application's customizers, codecs and observation
		return new AltsCodexClientFactory(webClientBuilder.getIfAvailable(WebClient::builder),
				jsonMapper.getIfAvailable(JsonMapper::shared), ClientRegistrationMapper.httpSettings(properties.getHttp()),
				customizers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	AltsCodexClients altsCodexClients(ObjectProvider<AltsCodexClient> clients) {
		return new AltsCodexClients(clients.orderedStream().toList());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(AltsCodexClient.class)
	@Import(AltsCodexClientsRegistrar.class)
	static class ClientsConfiguration {

	}

}
