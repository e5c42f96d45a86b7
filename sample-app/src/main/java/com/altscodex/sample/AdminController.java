package com.altscodex.sample;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/summary}, which the admin page ({@code static/admin.html}) reads
 * first: {@code 403} {@code access-denied} for users without {@code rbac:admin}. The page
 * manages roles and reads the audit log through the starter's endpoints under
 * {@code /api/admin/rbac}.
 */
@RestController
class AdminController {

	private final AdminService admin;

	AdminController(AdminService admin) {
		this.admin = admin;
	}

	@GetMapping("/api/admin/summary")
	Mono<AdminSummary> summary() {
		return this.admin.summary();
	}

}
