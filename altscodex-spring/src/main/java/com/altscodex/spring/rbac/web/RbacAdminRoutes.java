package com.altscodex.spring.rbac.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonProperty;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.altscodex.spring.client.AltsCodexException;
import com.altscodex.spring.client.FailureKind;
import com.altscodex.spring.rbac.Permission;
import com.altscodex.spring.rbac.PermissionAuthorizationManagerFactory;
import com.altscodex.spring.rbac.ReactiveRoleService;
import com.altscodex.spring.rbac.Role;
import com.altscodex.spring.rbac.RoleNotFoundException;
import com.altscodex.spring.web.ServerJsonBodyReader;

/**
 * The endpoints through which an administrator manages roles, under a base path
 * ({@code /api/admin/rbac} by default), for users who hold a permission
 * ({@code rbac:admin} by default, wildcards included):
 * <ul>
 * <li>{@code GET /roles}; {@code POST /roles} {@code {"name": "reader", "description": ".."}};
 * {@code GET}, {@code DELETE /roles/{role}};</li>
 * <li>{@code PUT}, {@code DELETE /roles/{role}/permissions/{permission}}: grant, revoke;</li>
 * <li>{@code PUT}, {@code DELETE /roles/{role}/includes/{included}};</li>
 * <li>{@code GET /users/{slotId}}: assigned and effective roles, effective permissions;
 * {@code PUT}, {@code DELETE /users/{slotId}/roles/{role}}: assign, unassign;</li>
 * <li>{@code GET /audit?limit=100}: the audit log, newest first.</li>
 * </ul>
 * Changes are recorded as made by the signed-in user. {@code PUT} and {@code DELETE}
 * answer {@code 204} whether or not they changed anything; failures are
 * {@code application/problem+json}.
 */
public final class RbacAdminRoutes {

	/** The largest request body read. */
	public static final int MAX_BODY_BYTES = 8 * 1024;

	private final ReactiveRoleService roleService;

	private final ServerJsonBodyReader bodyReader;

	private final String permission;

	/**
	 * Creates the endpoints.
	 * @param roleService keeps the roles
	 * @param bodyReader reads request bodies
	 * @param permission what a user must hold to use them
	 */
	public RbacAdminRoutes(ReactiveRoleService roleService, ServerJsonBodyReader bodyReader, String permission) {
		Assert.notNull(roleService, "roleService cannot be null");
		Assert.notNull(bodyReader, "bodyReader cannot be null");
		Assert.isTrue(Permission.isValid(permission), () -> "'" + permission + "' is not a permission");
		this.roleService = roleService;
		this.bodyReader = bodyReader;
		this.permission = permission;
	}

	/**
	 * The routes, under a base path.
	 * @param basePath the base path, such as {@code /api/admin/rbac}
	 * @return the router function
	 */
	public RouterFunction<ServerResponse> routes(String basePath) {
		Assert.isTrue(basePath.startsWith("/") && !basePath.endsWith("/"),
				"basePath must start with '/' and not end with it");
		return RouterFunctions.route()
			.GET(basePath + "/roles", (request) -> as((actor) -> this.roleService.findRoles()
				.map(RoleView::of)
				.collectList()
				.flatMap((roles) -> ok(Map.of("roles", roles)))))
			.POST(basePath + "/roles", this::createRole)
			.GET(basePath + "/roles/{role}", (request) -> as((actor) -> this.roleService
				.findRole(Role.checkName(request.pathVariable("role")))
				.switchIfEmpty(Mono.error(() -> new RoleNotFoundException(request.pathVariable("role"))))
				.flatMap((role) -> ok(RoleView.of(role)))))
			.DELETE(basePath + "/roles/{role}", (request) -> as((actor) -> this.roleService
				.deleteRole(request.pathVariable("role"), actor)
				.flatMap((deleted) -> deleted ? noContent()
						: Mono.error(new RoleNotFoundException(request.pathVariable("role"))))))
			.PUT(basePath + "/roles/{role}/permissions/{permission}", (request) -> change(
					(actor) -> this.roleService.grant(request.pathVariable("role"), request.pathVariable("permission"), actor)))
			.DELETE(basePath + "/roles/{role}/permissions/{permission}", (request) -> change(
					(actor) -> this.roleService.revoke(request.pathVariable("role"), request.pathVariable("permission"), actor)))
			.PUT(basePath + "/roles/{role}/includes/{included}", (request) -> change(
					(actor) -> this.roleService.include(request.pathVariable("role"), request.pathVariable("included"), actor)))
			.DELETE(basePath + "/roles/{role}/includes/{included}", (request) -> change(
					(actor) -> this.roleService.exclude(request.pathVariable("role"), request.pathVariable("included"), actor)))
			.GET(basePath + "/users/{slotId}", (request) -> as((actor) -> user(request.pathVariable("slotId"))))
			.PUT(basePath + "/users/{slotId}/roles/{role}", (request) -> change(
					(actor) -> this.roleService.assign(request.pathVariable("slotId"), request.pathVariable("role"), actor)))
			.DELETE(basePath + "/users/{slotId}/roles/{role}", (request) -> change(
					(actor) -> this.roleService.unassign(request.pathVariable("slotId"), request.pathVariable("role"), actor)))
			.GET(basePath + "/audit", (request) -> as((actor) -> this.roleService.findAuditEntries(limit(request))
				.collectList()
				.flatMap((entries) -> ok(Map.of("entries", entries)))))
			.build();
	}

	private Mono<ServerResponse> createRole(ServerRequest request) {
		return as((actor) -> this.bodyReader.readObject(request.exchange().getRequest(), MAX_BODY_BYTES)
			.flatMap((body) -> {
				JsonNode name = body.get("name");
				JsonNode description = body.get("description");
				if (name == null || !name.isString()
						|| (description != null && !description.isNull() && !description.isString())) {
					return Mono.error(new AltsCodexException(FailureKind.INVALID_REQUEST,
							"Refused a role: 'name' and 'description' must be strings", null));
				}
				String text = (description != null && description.isString()) ? description.stringValue() : null;
				return this.roleService.createRole(name.stringValue(), text, actor);
			})
			.flatMap((role) -> ServerResponse.created(URI.create(request.path() + "/" + role.name()))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(RoleView.of(role))));
	}

	private Mono<ServerResponse> user(String slotId) {
		return this.roleService.findAssignedRoles(slotId)
			.collectList()
			.zipWith(this.roleService.loadAuthorizations(slotId))
			.flatMap((both) -> ok(new UserView(slotId, both.getT1(), new TreeSet<>(both.getT2().roles()),
					new TreeSet<>(both.getT2().permissions().values()))));
	}

	private Mono<ServerResponse> change(Function<String, Mono<Boolean>> change) {
		return as((actor) -> change.apply(actor).then(noContent()));
	}

	// runs an action as the signed-in user when they hold the permission
	private Mono<ServerResponse> as(Function<String, Mono<ServerResponse>> action) {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter(Authentication::isAuthenticated)
			.switchIfEmpty(Mono.error(() -> new AltsCodexException(FailureKind.NOT_SIGNED_IN, "Not signed in", null)))
			.flatMap((authentication) -> PermissionAuthorizationManagerFactory.holds(authentication, this.permission)
					? action.apply(authentication.getName())
					: Mono.error(new AltsCodexException(FailureKind.ACCESS_DENIED,
							"Managing roles needs the permission " + this.permission, null)));
	}

	private static int limit(ServerRequest request) {
		String limit = request.queryParam("limit").orElse("100");
		try {
			int value = Integer.parseInt(limit);
			if (value >= 1 && value <= 1000) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new AltsCodexException(FailureKind.INVALID_REQUEST, "Refused an audit request: 'limit' must be 1 to 1000",
				null);
	}

	private static Mono<ServerResponse> ok(Object body) {
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.bodyValue(body);
	}

	private static Mono<ServerResponse> noContent() {
		return ServerResponse.noContent().build();
	}

	/**
	 * A role as the endpoints answer it.
	 *
	 * @param name its name
	 * @param description what it is for
	 * @param permissions its direct permissions, sorted
	 * @param includes the roles it includes directly, sorted
	 */
	public record RoleView(@JsonProperty("name") String name, @JsonProperty("description") String description,
			@JsonProperty("permissions") Set<String> permissions, @JsonProperty("includes") Set<String> includes) {

		static RoleView of(Role role) {
			return new RoleView(role.name(), (role.description() != null) ? role.description() : "",
					new TreeSet<>(role.permissions()), new TreeSet<>(role.includes()));
		}

	}

	/**
	 * A user's roles as the endpoints answer them.
	 *
	 * @param slotId the user's slot id
	 * @param assignedRoles the roles given to them directly
	 * @param roles their effective roles
	 * @param permissions their effective permissions
	 */
	public record UserView(@JsonProperty("slot_id") String slotId,
			@JsonProperty("assigned_roles") List<String> assignedRoles, @JsonProperty("roles") Set<String> roles,
			@JsonProperty("permissions") Set<String> permissions) {

	}

}
