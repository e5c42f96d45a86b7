package com.altscodex.spring.rbac;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * Applies declared roles to a {@link ReactiveRoleService}: creates the roles that are
 * missing, then grants, inclusions and assignments that are missing. It only adds: what
 * an administrator granted besides stays, and applying the same seeds again changes and
 * records nothing. Changes are recorded as made by
 * {@link ReactiveRoleService#SYSTEM_ACTOR}.
 */
public final class RbacSeeder {

	private final ReactiveRoleService roleService;

	/**
	 * Creates a seeder.
	 * @param roleService where the roles go
	 */
	public RbacSeeder(ReactiveRoleService roleService) {
		Assert.notNull(roleService, "roleService cannot be null");
		this.roleService = roleService;
	}

	/**
	 * Applies seeds.
	 * @param seeds the declared roles
	 * @return completes when all are applied; an inclusion that would make a cycle fails
	 * it with a {@link RoleCycleException}
	 */
	public Mono<Void> seed(List<RoleSeed> seeds) {
		String actor = ReactiveRoleService.SYSTEM_ACTOR;
		// roles first: an inclusion may name a role declared after it
		Mono<Void> roles = Flux.fromIterable(seeds)
			.concatMap((seed) -> this.roleService.findRole(seed.name())
				.switchIfEmpty(Mono.defer(() -> this.roleService.createRole(seed.name(), seed.description(), actor)
					// another instance starting at the same time made it first
					.onErrorResume(RoleExistsException.class, (ex) -> this.roleService.findRole(seed.name())))))
			.then();
		Mono<Void> grants = Flux.fromIterable(seeds)
			.concatMap((seed) -> Flux.fromIterable(seed.permissions())
				.concatMap((permission) -> this.roleService.grant(seed.name(), permission, actor))
				.thenMany(Flux.fromIterable(seed.includes()))
				.concatMap((included) -> this.roleService.include(seed.name(), included, actor))
				.thenMany(Flux.fromIterable(seed.slotIds()))
				.concatMap((slotId) -> this.roleService.assign(slotId, seed.name(), actor)))
			.then();
		return roles.then(grants);
	}

}
