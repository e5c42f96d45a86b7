package com.altscodex.spring.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.client.CallbackObservationConvention;
import com.altscodex.spring.client.pending.PendingLoginRegistry;
import com.altscodex.spring.web.AltsCodexCallbackRoutes;
import com.altscodex.spring.web.AltsCodexProblemDetails;
import com.altscodex.spring.web.AltsCodexWebExceptionHandler;

/**
 * Auto-configures the DeOAuth callback endpoint at each client's callback path and the
 * {@code application/problem+json} answers for client failures, in a reactive web
 * application. Callbacks are observed with the application's {@link ObservationRegistry},
 * if it has one.
 */
@AutoConfiguration(after = AltsCodexAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		beforeName = "org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean(AltsCodexClients.class)
public final class AltsCodexWebFluxAutoConfiguration {

	/** Name of the callback router function bean; define one to replace it. */
	public static final String CALLBACK_ROUTER_BEAN_NAME = "altsCodexCallbackRouterFunction";

	@Bean(CALLBACK_ROUTER_BEAN_NAME)
	@ConditionalOnMissingBean(name = CALLBACK_ROUTER_BEAN_NAME)
	RouterFunction<ServerResponse> altsCodexCallbackRouterFunction(AltsCodexClients clients,
			PendingLoginRegistry pendingLogins, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<CallbackObservationConvention> observationConvention) {
		return AltsCodexCallbackRoutes.of(pendingLogins, clients.all(),
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
				observationConvention.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	AltsCodexProblemDetails altsCodexProblemDetails() {
		return new AltsCodexProblemDetails();
	}

	@Bean
	@ConditionalOnMissingBean
	AltsCodexWebExceptionHandler altsCodexWebExceptionHandler(AltsCodexProblemDetails problemDetails,
			ServerCodecConfigurer serverCodecConfigurer) {
		return new AltsCodexWebExceptionHandler(problemDetails, serverCodecConfigurer.getWriters());
	}

}
