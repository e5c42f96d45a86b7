package com.altscodex.benchmarks.server;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebHandler;

/**
 * What an app with Spring Security ({@link Security#STARTER}, {@link Security#FORM_LOGIN})
 * adds for the security stage:
 * <ul>
 * <li>{@code GET /bench/hello}: {@value #HELLO}, behind the app's security chain like
 * every other route, the trivial endpoint whose requests a signed-in session makes;</li>
 * <li>the bench control endpoints ({@link BenchServerConfiguration}) served before the
 * security chain, by a {@code WebFilter} ahead of Spring Security's: the suite's own
 * requests need no session, and the chains stay as an application gets them (the
 * starter's default chain requires a signed-in user for everything).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class SecuredBenchConfiguration {

	/** The path of the trivial endpoint. */
	public static final String HELLO_PATH = "/bench/hello";

	/** What {@link #HELLO_PATH} answers. */
	public static final String HELLO = "{\"hello\":\"world\"}";

	@Bean
	RouterFunction<ServerResponse> benchHelloRoute() {
		return RouterFunctions.route()
			.GET(HELLO_PATH, (request) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(HELLO))
			.build();
	}

	@Bean
	BenchControlWebFilter benchControlWebFilter(
			@Qualifier("benchControlRoutes") RouterFunction<ServerResponse> benchControlRoutes) {
		return new BenchControlWebFilter(RouterFunctions.toWebHandler(benchControlRoutes));
	}

	/**
	 * Serves the bench control endpoints itself, ahead of Spring Security's
	 * {@code WebFilterChainProxy} (after the answer-timing filter, first of all): no other
	 * request is touched beyond a look at its path.
	 */
	static final class BenchControlWebFilter implements WebFilter, Ordered {

		private final WebHandler control;

		BenchControlWebFilter(WebHandler control) {
			this.control = control;
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			return BenchServerConfiguration.CONTROL_PATHS.contains(exchange.getRequest().getPath().value())
					? this.control.handle(exchange) : chain.filter(exchange);
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE + 1;
		}

	}

}
