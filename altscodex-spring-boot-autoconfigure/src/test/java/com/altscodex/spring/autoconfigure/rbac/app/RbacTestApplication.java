package com.altscodex.spring.autoconfigure.rbac.app;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application on the starter with roles and tokens and the starter's default chain:
 * reactive methods guarded by {@code @PreAuthorize} with permissions and roles.
 */
@SpringBootApplication
@EnableReactiveMethodSecurity
public class RbacTestApplication {

	@Service
	public static class Reports {

		@PreAuthorize("hasAuthority('reports:read')")
		public Mono<List<String>> all() {
			return Mono.just(List.of("q1", "q2"));
		}

		@PreAuthorize("hasAuthority('reports:export')")
		public Mono<String> export() {
			return Mono.just("q1,q2");
		}

		@PreAuthorize("hasRole('admin')")
		public Mono<String> purge() {
			return Mono.just("purged");
		}

	}

	@RestController
	static class ReportsController {

		private final Reports reports;

		ReportsController(Reports reports) {
			this.reports = reports;
		}

		@GetMapping("/api/reports")
		Mono<Map<String, Object>> reports() {
			return this.reports.all().map((reports) -> Map.of("reports", reports));
		}

		@GetMapping("/api/reports/export")
		Mono<String> export() {
			return this.reports.export();
		}

		@PostMapping("/api/admin/purge")
		Mono<String> purge() {
			return this.reports.purge();
		}

		@GetMapping("/api/whoami")
		Mono<Map<String, Object>> whoami(Mono<Authentication> authentication) {
			return authentication.map((current) -> Map.of("name", current.getName(), "authorities",
					current.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList()));
		}

	}

}
