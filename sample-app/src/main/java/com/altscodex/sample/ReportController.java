package com.altscodex.sample;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/reports}: {@code {"reports": [...]}} for a caller holding
 * {@code reports:read}, signed in with a session or sending
 * {@code Authorization: Bearer altscodex_pat_...}; {@code 403} {@code access-denied}
 * otherwise, {@code 401} without either.
 */
@RestController
class ReportController {

	private final ReportService reports;

	ReportController(ReportService reports) {
		this.reports = reports;
	}

	// collected, so that a refusal is answered as a problem before any byte is written
	@GetMapping("/api/reports")
	Mono<Map<String, List<Report>>> reports() {
		return this.reports.findAll().collectList().map((reports) -> Map.of("reports", reports));
	}

}
