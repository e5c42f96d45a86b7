package com.altscodex.spring.rbac;

import java.io.Serial;

import com.altscodex.spring.client.AltsCodexException;
import com.altscodex.spring.client.FailureKind;

/**
 * A role created under a name that is taken.
 */
public class RoleExistsException extends AltsCodexException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates the failure.
	 * @param role the role's name
	 */
	public RoleExistsException(String role) {
		super(FailureKind.ROLE_EXISTS, "A role named '" + role + "' exists already", null);
	}

}
