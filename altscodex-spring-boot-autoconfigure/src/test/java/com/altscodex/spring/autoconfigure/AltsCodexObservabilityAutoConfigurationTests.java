package com.altscodex.spring.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;

import com.altscodex.spring.autoconfigure.actuate.AltsCodexEndpoint;
import com.altscodex.spring.autoconfigure.actuate.AltsCodexEndpointAutoConfiguration;
import com.altscodex.spring.autoconfigure.actuate.AltsCodexHealthContributorAutoConfiguration;
import com.altscodex.spring.autoconfigure.actuate.AltsCodexHealthIndicator;
import com.altscodex.spring.autoconfigure.metrics.AltsCodexClientMetrics;
import com.altscodex.spring.autoconfigure.metrics.AltsCodexMetricsAutoConfiguration;
import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.client.CallbackObservationConvention;
import com.altscodex.spring.client.DeOAuthRequestObservationFilter;
import com.altscodex.spring.client.pending.InMemoryPendingLoginRegistry;
import com.altscodex.spring.client.DefaultCallbackObservationConvention;
import com.altscodex.spring.client.DefaultLoginObservationConvention;
import com.altscodex.spring.client.LoginObservationConvention;
import com.altscodex.spring.testsupport.StoppedObservations;

import static com.altscodex.spring.testsupport.StoppedObservations.lowCardinality;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observability auto-configurations: metrics, health, the actuator endpoint and the
 * observation registry, each present when the application has what it needs, backing
 * off for a bean of the application's own, and absent without its library.
 */
class AltsCodexObservabilityAutoConfigurationTests {

	private static final String[] CLIENT = { "altscodex.client-id=my-client", "altscodex.client-secret=s3cr3t-value",
			"altscodex.redirect-uri=https://app.example.com/login/altscodex" };

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AltsCodexAutoConfiguration.class, WebClientAutoConfiguration.class,
				JacksonAutoConfiguration.class, AltsCodexMetricsAutoConfiguration.class,
				AltsCodexHealthContributorAutoConfiguration.class, AltsCodexEndpointAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, ObservationAutoConfiguration.class))
		.withPropertyValues(CLIENT);

	@Test
	void noClientConfiguredThenNoObservabilityBeans() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AltsCodexAutoConfiguration.class,
					AltsCodexMetricsAutoConfiguration.class, AltsCodexHealthContributorAutoConfiguration.class,
					AltsCodexEndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=altscodex")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(AltsCodexClientMetrics.class);
				assertThat(context).doesNotHaveBean(AltsCodexHealthIndicator.class);
				assertThat(context).doesNotHaveBean(AltsCodexEndpoint.class);
			});
	}

	@Test
	void meterRegistryThenPendingLoginsGaugePerClient() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(AltsCodexClientMetrics.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("altscodex.pending.logins").tag("client", "default").gauge().value()).isZero();
		});
	}

	@Test
	void userMetricsBinderThenAutoConfiguredOneBacksOff() {
		this.contextRunner.withUserConfiguration(UserMetrics.class)
			.run((context) -> assertThat(context).getBean(AltsCodexClientMetrics.class).isSameAs(UserMetrics.METRICS));
	}

	@Test
	void noMeterRegistryThenNoMetricsBinder() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AltsCodexAutoConfiguration.class,
					AltsCodexMetricsAutoConfiguration.class))
			.withPropertyValues(CLIENT)
			.run((context) -> {
				assertThat(context).hasSingleBean(AltsCodexClient.class);
				assertThat(context).doesNotHaveBean(AltsCodexClientMetrics.class);
			});
	}

	@Test
	void micrometerNotOnClasspathThenNoMetricsBinder() {
		ApplicationContextRunner withMeterRegistry = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AltsCodexAutoConfiguration.class,
					AltsCodexMetricsAutoConfiguration.class))
			.withPropertyValues(CLIENT)
			.withBean(SimpleMeterRegistry.class);
		withMeterRegistry.run((context) -> assertThat(context).hasSingleBean(AltsCodexClientMetrics.class));
		withMeterRegistry.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run((context) -> {
			assertThat(context).hasSingleBean(AltsCodexClient.class);
			assertThat(context).doesNotHaveBean(AltsCodexClientMetrics.class);
		});
	}

	@Test
	void healthThenContributorNamedAltscodexIsUp() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("altscodexHealthIndicator");
			Health health = context.getBean(AltsCodexHealthIndicator.class).health().block(Duration.ofSeconds(5));
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.toString()).contains("my-client").doesNotContain("s3cr3t-value");
		});
	}

	@Test
	void healthIndicatorDisabledThenNone() {
		this.contextRunner.withPropertyValues("management.health.altscodex.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AltsCodexHealthIndicator.class));
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AltsCodexHealthIndicator.class));
	}

	@Test
	void userHealthIndicatorThenAutoConfiguredOneBacksOff() {
		this.contextRunner.withUserConfiguration(UserHealth.class).run((context) -> {
			assertThat(context).doesNotHaveBean(AltsCodexHealthIndicator.class);
			assertThat(context).hasBean("altscodexHealthIndicator");
		});
	}

	@Test
	void healthNotOnClasspathThenNoIndicator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveHealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean("altscodexHealthIndicator"));
	}

	@Test
	void endpointExposedThenPresentWithMaskedSecret() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=altscodex")
			.run((context) -> {
				AltsCodexEndpoint.ClientsDescriptor clients = context.getBean(AltsCodexEndpoint.class).clients();
				assertThat(clients.clients()).containsOnlyKeys("default");
				assertThat(clients.clients().get("default").clientSecret()).isEqualTo("******");
				assertThat(clients.toString()).doesNotContain("s3cr3t-value");
			});
	}

	@Test
	void endpointNotExposedOrNoAccessThenAbsent() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(AltsCodexEndpoint.class));
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=altscodex",
					"management.endpoint.altscodex.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(AltsCodexEndpoint.class));
	}

	@Test
	void userEndpointThenAutoConfiguredOneBacksOff() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=altscodex")
			.withUserConfiguration(UserEndpoint.class)
			.run((context) -> assertThat(context).getBean(AltsCodexEndpoint.class).isSameAs(UserEndpoint.ENDPOINT));
	}

	@Test
	void actuatorNotOnClasspathThenNoEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=altscodex")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(AltsCodexClient.class);
				assertThat(context).doesNotHaveBean(AltsCodexEndpoint.class);
			});
	}

	@Test
	void observationRegistryThenClientsAreObservedWithIt() {
		this.contextRunner.withUserConfiguration(Observations.class).run((context) -> {
			assertThat(context).hasSingleBean(DeOAuthRequestObservationFilter.class);
			// refused before anything is sent: no DeOAuth needed
			context.getBean(AltsCodexClient.class)
				.getSlotInfo("not a jwt")
				.onErrorResume((ex) -> Mono.empty())
				.block(Duration.ofSeconds(5));
			StoppedObservations observations = context.getBean(StoppedObservations.class);
			assertThat(observations.named("altscodex.login")).singleElement().satisfies((login) -> {
				assertThat(lowCardinality(login, "client")).isEqualTo("default");
				assertThat(lowCardinality(login, "outcome")).isEqualTo("failed");
			});
		});
	}

	@Test
	void observationConventionBeansThenClientsAndCallbacksUseThem() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AltsCodexAutoConfiguration.class,
					AltsCodexWebFluxAutoConfiguration.class, WebClientAutoConfiguration.class,
					JacksonAutoConfiguration.class, WebFluxAutoConfiguration.class, ObservationAutoConfiguration.class))
			.withPropertyValues(CLIENT)
			.withUserConfiguration(Observations.class, Conventions.class)
			.run((context) -> {
				context.getBean(AltsCodexClient.class)
					.getSlotInfo("")
					.onErrorResume((ex) -> Mono.empty())
					.block(Duration.ofSeconds(5));
				WebTestClient.bindToRouterFunction(context.getBean(
						AltsCodexWebFluxAutoConfiguration.CALLBACK_ROUTER_BEAN_NAME, RouterFunction.class))
					.build()
					.post()
					.uri("/login/altscodex?state=unknown-state&code=c&success=1")
					.exchange()
					.expectStatus()
					.isOk();
				StoppedObservations observations = context.getBean(StoppedObservations.class);
				assertThat(observations.named("my.login")).hasSize(1);
				assertThat(observations.named("my.callback")).singleElement()
					.satisfies((callback) -> assertThat(lowCardinality(callback, "state")).isEqualTo("unknown"));
			});
	}

	@Test
	void userObservationFilterOfTheSameTypeThenAutoConfiguredOneBacksOff() {
		this.contextRunner.withUserConfiguration(UserFilter.class)
			.run((context) -> assertThat(context).getBean(DeOAuthRequestObservationFilter.class)
				.isSameAs(UserFilter.FILTER));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserMetrics {

		static final AltsCodexClientMetrics METRICS = new AltsCodexClientMetrics(new AltsCodexClients(List.of()),
				new InMemoryPendingLoginRegistry());

		@Bean
		AltsCodexClientMetrics myMetrics() {
			return METRICS;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserHealth {

		@Bean
		ReactiveHealthIndicator altscodexHealthIndicator() {
			return () -> Mono.just(Health.up().build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpoint {

		static final AltsCodexEndpoint ENDPOINT = new AltsCodexEndpoint(new AltsCodexClients(List.of()),
				new InMemoryPendingLoginRegistry());

		@Bean
		AltsCodexEndpoint myEndpoint() {
			return ENDPOINT;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFilter {

		static final DeOAuthRequestObservationFilter FILTER = new DeOAuthRequestObservationFilter();

		@Bean
		DeOAuthRequestObservationFilter myFilter() {
			return FILTER;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Observations {

		@Bean
		StoppedObservations stoppedObservations() {
			return new StoppedObservations();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Conventions {

		@Bean
		LoginObservationConvention myLoginConvention() {
			return new DefaultLoginObservationConvention("my.login");
		}

		@Bean
		CallbackObservationConvention myCallbackConvention() {
			return new DefaultCallbackObservationConvention("my.callback");
		}

	}

}
