package com.altscodex.spring.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.altscodex.spring.client.AltsCodexClient;
import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.client.ClientRegistration;
import com.altscodex.spring.client.DefaultAltsCodexClient;
import com.altscodex.spring.client.DeOAuthHttpSettings;
import com.altscodex.spring.web.AltsCodexProblemDetails;
import com.altscodex.spring.web.AltsCodexWebExceptionHandler;

import static org.assertj.core.api.Assertions.assertThat;

class AltsCodexAutoConfigurationTests {

	private static final String[] CLIENT = { "altscodex.client-id=my-client", "altscodex.client-secret=s3cr3t-value",
			"altscodex.redirect-uri=https://app.example.com/login/altscodex" };

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AltsCodexAutoConfiguration.class, WebClientAutoConfiguration.class,
				JacksonAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner webContextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AltsCodexAutoConfiguration.class,
				AltsCodexWebFluxAutoConfiguration.class, WebClientAutoConfiguration.class,
				JacksonAutoConfiguration.class, WebFluxAutoConfiguration.class));

	@Test
	void noClientConfiguredThenBacksOffQuietly() {
		this.contextRunner.withPropertyValues("altscodex.timeout=5s").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(AltsCodexClient.class);
			assertThat(context).doesNotHaveBean(AltsCodexClients.class);
			assertThat(context).doesNotHaveBean(AltsCodexProperties.class);
		});
		this.webContextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(AltsCodexWebExceptionHandler.class);
			assertThat(context).doesNotHaveBean(AltsCodexWebFluxAutoConfiguration.CALLBACK_ROUTER_BEAN_NAME);
		});
	}

	@Test
	void topLevelClientThenOneDefaultClientBean() {
		this.contextRunner.withPropertyValues(CLIENT).withPropertyValues("altscodex.timeout=3s").run((context) -> {
			assertThat(context).hasSingleBean(AltsCodexClient.class);
			assertThat(context).hasBean("altsCodexClient");
			ClientRegistration registration = context.getBean(AltsCodexClient.class).getRegistration();
			assertThat(registration.getName()).isEqualTo("default");
			assertThat(registration.getClientId()).isEqualTo("my-client");
			assertThat(registration.getTimeout()).isEqualTo(Duration.ofSeconds(3));
			assertThat(registration.getCallbackPath()).isEqualTo("/login/altscodex");
			assertThat(context.getBean(AltsCodexClients.class).names()).containsExactly("default");
		});
	}

	@Test
	void propertiesDefaultsMatchLibraryDefaults() {
		AltsCodexProperties properties = new AltsCodexProperties();
		assertThat(properties.getAuthServerUrl()).isEqualTo(ClientRegistration.DEFAULT_AUTH_SERVER_URL);
		assertThat(properties.getPlatformUrl()).isEqualTo(ClientRegistration.DEFAULT_PLATFORM_URL);
		assertThat(properties.getTimeout()).isEqualTo(ClientRegistration.DEFAULT_TIMEOUT);
		assertThat(ClientRegistrationMapper.httpSettings(properties.getHttp())).isEqualTo(DeOAuthHttpSettings.defaults());
	}

	@Test
	void severalClientsThenOneBeanEachReachableByName() {
		this.contextRunner.withPropertyValues(CLIENT)
			.withPropertyValues("altscodex.auth-server-url=http://127.0.0.1:9999",
					"altscodex.clients.shop.client-id=shop-client", "altscodex.clients.shop.client-secret=shop-secret",
					"altscodex.clients.shop.redirect-uri=https://shop.example.com/cb",
					"altscodex.clients.blog.client-id=blog-client", "altscodex.clients.blog.client-secret=blog-secret",
					"altscodex.clients.blog.redirect-uri=https://blog.example.com/cb",
					"altscodex.clients.blog.auth-server-url=http://127.0.0.1:8888",
					"altscodex.clients.blog.callback-path=/blog/callback")
			.withUserConfiguration(NeedsShopClient.class)
			.run((context) -> {
				assertThat(context.getBeansOfType(AltsCodexClient.class)).hasSize(3);
				AltsCodexClients clients = context.getBean(AltsCodexClients.class);
				assertThat(clients.names()).containsExactly("default", "shop", "blog");
				assertThat(clients.get("shop").getRegistration().getClientId()).isEqualTo("shop-client");
				assertThat(clients.get("shop").getRegistration().getAuthServerUrl())
					.isEqualTo("http://127.0.0.1:9999");
				assertThat(clients.get("blog").getRegistration().getAuthServerUrl())
					.isEqualTo("http://127.0.0.1:8888");
				assertThat(clients.get("blog").getRegistration().getCallbackPath()).isEqualTo("/blog/callback");
				// the default client is primary, a named one is reachable by qualifier
				assertThat(context.getBean(AltsCodexClient.class).getRegistration().getName()).isEqualTo("default");
				assertThat(context.getBean(NeedsShopClient.class).client.getRegistration().getName())
					.isEqualTo("shop");
			});
	}

	@Test
	void userDefinedClientThenAutoConfiguredClientsBackOff() {
		this.contextRunner.withPropertyValues(CLIENT).withUserConfiguration(UserClient.class).run((context) -> {
			assertThat(context).hasSingleBean(AltsCodexClient.class);
			assertThat(context).hasBean("myClient");
			assertThat(context.getBean(AltsCodexClients.class).names()).containsExactly("mine");
		});
	}

	@Test
	void userDefinedWebBeansThenTheyWin() {
		this.webContextRunner.withPropertyValues(CLIENT).withUserConfiguration(UserWebBeans.class).run((context) -> {
			assertThat(context).getBean(AltsCodexProblemDetails.class).isSameAs(UserWebBeans.PROBLEM_DETAILS);
			assertThat(context).getBean(AltsCodexWebFluxAutoConfiguration.CALLBACK_ROUTER_BEAN_NAME)
				.isSameAs(UserWebBeans.ROUTES);
		});
	}

	@Test
	void reactiveWebApplicationThenCallbackRouteAndProblemHandler() {
		this.webContextRunner.withPropertyValues(CLIENT).run((context) -> {
			assertThat(context).hasSingleBean(AltsCodexWebExceptionHandler.class);
			assertThat(context).hasBean(AltsCodexWebFluxAutoConfiguration.CALLBACK_ROUTER_BEAN_NAME);
		});
	}

	@Test
	void notAWebApplicationThenNoWebBeans() {
		this.contextRunner.withPropertyValues(CLIENT)
			.withConfiguration(AutoConfigurations.of(AltsCodexWebFluxAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(AltsCodexClient.class);
				assertThat(context).doesNotHaveBean(AltsCodexWebExceptionHandler.class);
			});
	}

	@Test
	void webClientNotOnClasspathThenBacksOff() {
		this.contextRunner.withPropertyValues(CLIENT)
			.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AltsCodexClient.class));
	}

	@Test
	void secretMissingThenFailureNamesPropertyAndFix() {
		this.contextRunner
			.withPropertyValues("altscodex.client-id=my-client", "altscodex.redirect-uri=https://app.example.com/cb")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Client secret of client 'default' must not be empty")
					.contains("altscodex.client-secret");
				assertThat(analysis.getAction()).contains("Set 'altscodex.client-secret'");
			});
	}

	@Test
	void namedClientMalformedUrlThenFailureNamesItsProperty() {
		this.contextRunner
			.withPropertyValues("altscodex.clients.shop.client-id=c", "altscodex.clients.shop.client-secret=s",
					"altscodex.clients.shop.redirect-uri=https://shop.example.com/cb",
					"altscodex.clients.shop.auth-server-url=api.altscodex.com")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("altscodex.clients.shop.auth-server-url")
					.contains("must use http or https");
				assertThat(analysis.getAction()).contains("Set 'altscodex.clients.shop.auth-server-url'");
			});
	}

	@Test
	void badValuesThenEachFailsWithItsProperty() {
		assertFailureNames("altscodex.redirect-uri", "altscodex.client-id=c", "altscodex.client-secret=s");
		assertFailureNames("altscodex.redirect-uri", "altscodex.client-id=c", "altscodex.client-secret=s",
				"altscodex.redirect-uri=/relative");
		assertFailureNames("altscodex.client-id", "altscodex.client-secret=s", "altscodex.redirect-uri=http://a/b");
		assertFailureNames("altscodex.timeout", CLIENT[0], CLIENT[1], CLIENT[2], "altscodex.timeout=0s");
		assertFailureNames("altscodex.callback-path", CLIENT[0], CLIENT[1], CLIENT[2],
				"altscodex.callback-path=callback");
		assertFailureNames("altscodex.platform-url", CLIENT[0], CLIENT[1], CLIENT[2],
				"altscodex.platform-url=https://altscodex.com/?x=1");
		assertFailureNames("altscodex.http.max-connections", CLIENT[0], CLIENT[1], CLIENT[2],
				"altscodex.http.max-connections=0");
		assertFailureNames("altscodex.clients.bad name", "altscodex.clients[bad name].client-id=c");
	}

	@Test
	void failureDescriptionNeverContainsTheSecret() {
		this.contextRunner.withPropertyValues("altscodex.client-id=c", "altscodex.client-secret=s3cr3t-value",
				"altscodex.redirect-uri=nope").run((context) -> {
					FailureAnalysis analysis = analyze(context.getStartupFailure());
					assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("s3cr3t-value");
				});
	}

	@Test
	void analyzerIgnoresOtherFailures() {
		assertThat(new InvalidAltsCodexPropertyFailureAnalyzer().analyze(new IllegalStateException("other")))
			.isNull();
	}

	@Test
	void propertiesToStringMasksSecrets() {
		this.contextRunner.withPropertyValues(CLIENT).run((context) -> {
			assertThat(context.getBean(AltsCodexProperties.class).toString()).doesNotContain("s3cr3t-value");
			assertThat(context.getBean(AltsCodexClient.class).toString()).doesNotContain("s3cr3t-value");
			assertThat(context.getBean(AltsCodexClients.class).toString()).doesNotContain("s3cr3t-value");
		});
	}

	private void assertFailureNames(String property, String... properties) {
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis).as("failure for %s", property).isNotNull();
			assertThat(analysis.getDescription()).contains("'" + property + "'");
		});
	}

	private static FailureAnalysis analyze(Throwable failure) {
		assertThat(failure).isNotNull();
		return new InvalidAltsCodexPropertyFailureAnalyzer().analyze(failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class NeedsShopClient {

		final AltsCodexClient client;

		NeedsShopClient(@org.springframework.beans.factory.annotation.Qualifier("shop") AltsCodexClient client) {
			this.client = client;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClient {

		@Bean
		AltsCodexClient myClient() {
			return DefaultAltsCodexClient.builder(ClientRegistration.withName("mine")
				.clientId("mine")
				.clientSecret("mine-secret")
				.redirectUri("https://mine.example.com/cb")
				.build()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserWebBeans {

		static final AltsCodexProblemDetails PROBLEM_DETAILS = new AltsCodexProblemDetails();

		static final RouterFunction<ServerResponse> ROUTES = (request) -> Mono.empty();

		@Bean
		AltsCodexProblemDetails myProblemDetails() {
			return PROBLEM_DETAILS;
		}

		@Bean(AltsCodexWebFluxAutoConfiguration.CALLBACK_ROUTER_BEAN_NAME)
		RouterFunction<ServerResponse> myRoutes() {
			return ROUTES;
		}

	}

}
