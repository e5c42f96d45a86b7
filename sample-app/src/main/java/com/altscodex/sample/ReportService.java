package com.altscodex.sample;

import java.math.BigDecimal;
import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The quarterly reports, for users who hold {@code reports:read}: the {@code reader} role
 * grants it, and {@code admin} through its {@code *} (the starter's expression handler
 * lets {@code hasAuthority} honour wildcards). A signed-in user gets the permission from
 * their roles, a personal access token from its scopes; either way the check is the same
 * annotation, made when the {@link Flux} is subscribed.
 */
@Service
class ReportService {

	private static final List<Report> REPORTS = List.of(
			new Report("2026-q4", "Q4 2026", "Holiday peak", 24_310, 3_120, new BigDecimal("512400.00")),
			new Report("2026-q3", "Q3 2026", "Shared slots launched", 18_420, 2_310, new BigDecimal("412800.00")),
			new Report("2026-q2", "Q2 2026", "Wallet sign-in goes live", 11_905, 1_640, new BigDecimal("276150.00")),
			new Report("2026-q1", "Q1 2026", "First public quarter", 6_230, 980, new BigDecimal("131700.00")));

	/**
	 * The reports, newest first.
	 * @return the reports; an {@code AccessDeniedException} for a caller without
	 * {@code reports:read}
	 */
	@PreAuthorize("hasAuthority('reports:read')")
	public Flux<Report> findAll() {
		return Flux.fromIterable(REPORTS);
	}

}
