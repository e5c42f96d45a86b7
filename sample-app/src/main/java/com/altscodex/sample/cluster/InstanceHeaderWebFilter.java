package com.altscodex.sample.cluster;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Names the instance that answered in an {@value #HEADER} header on every answer, the
 * refusals of the security chain included, so that a person (in the browser's developer
 * tools) and the cluster's test see the proxy spread one session's requests over the
 * instances. On where {@value #PROPERTY} is set, as the {@code cluster} profile does.
 */
@Component
@ConditionalOnProperty(InstanceHeaderWebFilter.PROPERTY)
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class InstanceHeaderWebFilter implements WebFilter {

	/** Name of the header. */
	public static final String HEADER = "X-Instance";

	/** Property that names this instance. */
	public static final String PROPERTY = "sample.instance-name";

	private final String instanceName;

	InstanceHeaderWebFilter(@Value("${" + PROPERTY + "}") String instanceName) {
		Assert.hasText(instanceName, PROPERTY + " must not be empty");
		this.instanceName = instanceName;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		// set before the chain runs: an answer may be committed anywhere in it
		exchange.getResponse().getHeaders().set(HEADER, this.instanceName);
		return chain.filter(exchange);
	}

}
