package com.altscodex.spring.rbac;

import java.io.Serial;

import com.altscodex.spring.client.AltsCodexException;
import com.altscodex.spring.client.FailureKind;

/**
 * A role inclusion refused because the included role includes the including one, or is
 * it.
 */
public class RoleCycleException extends AltsCodexException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates the failure.
	 * @param role the role that was to include another
	 * @param included the role it was to include
	 */
	public RoleCycleException(String role, String included) {
		super(FailureKind.ROLE_CYCLE, "Role '" + role + "' cannot include '" + included + "': '" + included
				+ "' includes '" + role + "'", null);
	}

}
