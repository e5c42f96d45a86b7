package com.altscodex.sample;

import java.util.List;
import java.util.TreeSet;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import com.altscodex.deoauth.simulator.DeOAuthSimulator;
import com.altscodex.deoauth.simulator.SimulatedUser;
import com.altscodex.spring.rbac.ReactiveRoleService;

/**
 * The data behind the admin page, for users who hold {@code rbac:admin}, the permission
 * the starter's role endpoints ({@code /api/admin/rbac}) ask for too. The admin page's
 * files are public; what it shows is not.
 */
@Service
class AdminService {

	private final ReactiveRoleService roleService;

	private final ObjectProvider<DeOAuthSimulator> simulator;

	AdminService(ReactiveRoleService roleService, ObjectProvider<DeOAuthSimulator> simulator) {
		this.roleService = roleService;
		this.simulator = simulator;
	}

	/**
	 * The number of roles and the known users with their roles.
	 * @return the summary; an {@code AccessDeniedException} for a caller without
	 * {@code rbac:admin}
	 */
	@PreAuthorize("hasAuthority('rbac:admin')")
	public Mono<AdminSummary> summary() {
		return Mono.zip(this.roleService.findRoles().count(),
				Flux.fromIterable(knownUsers()).concatMap(this::user).collectList(), AdminSummary::new);
	}

	private Mono<AdminSummary.User> user(SimulatedUser user) {
		return this.roleService.findAssignedRoles(user.id())
			.sort()
			.collectList()
			.zipWith(this.roleService.loadAuthorizations(user.id()),
					(assigned, effective) -> new AdminSummary.User(user.id(), user.nickname(), assigned,
							new TreeSet<>(effective.roles()), new TreeSet<>(effective.permissions().values())));
	}

	// AltsCodex has no directory of users: only the simulator knows its users by name
	private List<SimulatedUser> knownUsers() {
		DeOAuthSimulator simulator = this.simulator.getIfAvailable();
		return (simulator != null) ? simulator.demoUsers() : List.of();
	}

}
