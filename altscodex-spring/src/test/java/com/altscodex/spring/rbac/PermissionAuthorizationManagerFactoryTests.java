package com.altscodex.spring.rbac;

import java.lang.reflect.Method;

import org.aopalliance.intercept.MethodInvocation;
import org.junit.jupiter.api.Test;

import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.security.access.expression.ExpressionUtils;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.util.SimpleMethodInvocation;

import static org.assertj.core.api.Assertions.assertThat;

class PermissionAuthorizationManagerFactoryTests {

	private final DefaultMethodSecurityExpressionHandler handler = handler();

	@Test
	void hasAuthorityWhenAWildcardImpliesItThenGranted() {
		Authentication user = user("ROLE_USER", "reports:*");
		assertThat(evaluate("hasAuthority('reports:read')", user)).isTrue();
		assertThat(evaluate("hasAuthority('billing:read')", user)).isFalse();
	}

	@Test
	void hasAuthorityWhenEverythingIsHeldThenAnyPermissionButNoRole() {
		Authentication admin = user("*");
		assertThat(evaluate("hasAuthority('anything:at:all')", admin)).isTrue();
		assertThat(evaluate("hasRole('admin')", admin)).isFalse();
		assertThat(evaluate("hasAuthority('ROLE_admin')", admin)).isFalse();
	}

	@Test
	void hasRoleThenSpringSecuritysOwnRule() {
		assertThat(evaluate("hasRole('admin')", user("ROLE_admin"))).isTrue();
		assertThat(evaluate("hasRole('admin')", user("ROLE_reader"))).isFalse();
	}

	@Test
	void hasAnyAndAllAuthoritiesThenWildcardsToo() {
		Authentication user = user("reports:*", "billing:read");
		assertThat(evaluate("hasAnyAuthority('audit:read', 'reports:export')", user)).isTrue();
		assertThat(evaluate("hasAllAuthorities('reports:export', 'billing:read')", user)).isTrue();
		assertThat(evaluate("hasAllAuthorities('reports:export', 'billing:write')", user)).isFalse();
	}

	@Test
	void hasAuthorityWhenNotAuthenticatedThenDenied() {
		TestingAuthenticationToken anonymous = new TestingAuthenticationToken("x", "", "*");
		anonymous.setAuthenticated(false);
		assertThat(evaluate("hasAuthority('reports:read')", anonymous)).isFalse();
	}

	private boolean evaluate(String expression, Authentication authentication) {
		Expression parsed = this.handler.getExpressionParser().parseExpression(expression);
		EvaluationContext context = this.handler.createEvaluationContext(() -> authentication, invocation());
		return ExpressionUtils.evaluateAsBoolean(parsed, context);
	}

	private static Authentication user(String... authorities) {
		return new TestingAuthenticationToken("alice", "", authorities);
	}

	private static DefaultMethodSecurityExpressionHandler handler() {
		DefaultMethodSecurityExpressionHandler handler = new DefaultMethodSecurityExpressionHandler();
		handler.setAuthorizationManagerFactory(new PermissionAuthorizationManagerFactory<>());
		return handler;
	}

	private static MethodInvocation invocation() {
		try {
			Method method = Object.class.getMethod("toString");
			return new SimpleMethodInvocation(new Object(), method);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
