package com.altscodex.spring.test.security;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.altscodex.spring.security.AltsCodexUser;

/**
 * An application that signs in with AltsCodex on Spring Security, with the starter's
 * default chain and a method guarded by {@code @PreAuthorize}. In a package of its own,
 * so that the other tests' search for a {@code @SpringBootConfiguration} does not find
 * it.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableReactiveMethodSecurity
public class SecuredApplication {

	@Service
	static class Reports {

		@PreAuthorize("hasRole('ADMIN')")
		Mono<String> monthly() {
			return Mono.just("all good");
		}

	}

	@RestController
	static class ReportsController {

		private final Reports reports;

		ReportsController(Reports reports) {
			this.reports = reports;
		}

		@GetMapping("/api/whoami")
		Mono<Map<String, Object>> whoami(@AuthenticationPrincipal AltsCodexUser user) {
			return Mono.just(Map.of("id", user.getId(), "client", user.getClientName()));
		}

		@GetMapping("/api/reports")
		Mono<Map<String, String>> reports() {
			return this.reports.monthly().map((report) -> Map.of("report", report));
		}

	}

}
