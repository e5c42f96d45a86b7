package com.altscodex.benchmarks.server;

import reactor.core.publisher.Mono;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The guarded side of the authz stage's trivial endpoint: a reactive method that answers
 * {@value SecuredBenchConfiguration#HELLO} to whoever holds {@link Authorization#PERMISSION},
 * decided by method security as an application's service would have it. A bean, so that
 * method security proxies it; not final, so that the proxy can extend it.
 */
public class BenchReports {

	@PreAuthorize("hasAuthority('" + Authorization.PERMISSION + "')")
	public Mono<String> hello() {
		return Mono.just(SecuredBenchConfiguration.HELLO);
	}

}
