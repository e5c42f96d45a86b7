package com.altscodex.spring.autoconfigure;

import java.util.function.Consumer;

import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

import com.altscodex.spring.autoconfigure.redis.AltsCodexStores;
import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.AltsCodexClientFactory;
import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.client.CodeExchangeObservationConvention;
import com.altscodex.spring.client.DeOAuthRequestObservationFilter;
import com.altscodex.spring.client.DefaultAltsCodexClient;
import com.altscodex.spring.client.LoginObservationConvention;
import com.altscodex.spring.client.pending.InMemoryPendingLoginRegistry;
import com.altscodex.spring.client.pending.PendingLoginRegistry;

/**
 * Auto-configures an {@link AltsCodexClient} per client configured under
 * {@code altscodex.*}, the {@link AltsCodexClients} registry and the application's one
 * {@link PendingLoginRegistry}. Backs off entirely when no client is configured. The
 * clients are observed with the application's {@link ObservationRegistry}, if it has
 * one.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass(WebClient.class)
@Conditional(OnAltsCodexClientCondition.class)
@Import(AltsCodexPropertiesRegistrar.class)
public final class AltsCodexAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PendingLoginRegistry altsCodexPendingLoginRegistry(Environment environment) {
		// the Redis registry would have come first: it cannot be made on this classpath
		if (AltsCodexStores.isRedis(environment, AltsCodexStores.PENDING_STORE_PROPERTY)) {
			throw new InvalidAltsCodexPropertyException(AltsCodexStores.PENDING_STORE_PROPERTY,
					"Property '" + AltsCodexStores.PENDING_STORE_PROPERTY
							+ "' is 'redis', but Spring Data Redis is not on the classpath.",
					"Add spring-boot-starter-data-redis-reactive and point spring.data.redis.url at Redis, or set '"
							+ AltsCodexStores.PENDING_STORE_PROPERTY + "' to 'memory'.");
		}
		return new InMemoryPendingLoginRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	AltsCodexClientFactory altsCodexClientFactory(AltsCodexProperties properties, PendingLoginRegistry pendingLogins,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<AltsCodexClientBuilderCustomizer> customizers,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<LoginObservationConvention> loginObservationConvention,
			ObjectProvider<CodeExchangeObservationConvention> codeExchangeObservationConvention) {
		// Boot's builder carries the application's customizers, codecs and observation
		AltsCodexClientFactory factory = new AltsCodexClientFactory(webClientBuilder.getIfAvailable(WebClient::builder),
				jsonMapper.getIfAvailable(JsonMapper::shared), ClientRegistrationMapper.httpSettings(properties.getHttp()),
				pendingLogins);
		observationRegistry.ifAvailable(factory::setObservationRegistry);
		loginObservationConvention.ifAvailable(factory::setLoginObservationConvention);
		codeExchangeObservationConvention.ifAvailable(factory::setCodeExchangeObservationConvention);
		factory.setCustomizers(customizers.orderedStream().map(AltsCodexAutoConfiguration::asConsumer).toList());
		return factory;
	}

	private static Consumer<DefaultAltsCodexClient.Builder> asConsumer(AltsCodexClientBuilderCustomizer customizer) {
		return customizer::customize;
	}

	// applied by Spring Boot to its ObservationRegistry: no login state in http.url
	@Bean
	@ConditionalOnMissingBean
	DeOAuthRequestObservationFilter deOAuthRequestObservationFilter() {
		return new DeOAuthRequestObservationFilter();
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
