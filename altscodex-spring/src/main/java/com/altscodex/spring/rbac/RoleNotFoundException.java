package com.altscodex.spring.rbac;

import java.io.Serial;

import com.altscodex.spring.client.AltsCodexException;
import com.altscodex.spring.client.FailureKind;

/**
 * A role that does not exist.
 */
public class RoleNotFoundException extends AltsCodexException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String role;

	/**
	 * Creates the failure.
	 * @param role the role's name
	 */
	public RoleNotFoundException(String role) {
		super(FailureKind.ROLE_NOT_FOUND, "No role named '" + role + "'", null);
		this.role = role;
	}

	/**
	 * The name of the missing role.
	 */
	public String getRole() {
		return this.role;
	}

}
