package com.altscodex.benchmarks.load;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecuredLoginsTests {

	// as Spring Security 7.1's LoginPageGeneratingWebFilter writes it
	private static final String LOGIN_PAGE = """
			<form class="login-form" method="post" action="/login">
			  <h2>Please sign in</h2>
			  <p>
			    <label for="username" class="screenreader">Username</label>
			    <input type="text" id="username" name="username" placeholder="Username" required autofocus>
			  </p>
			  <input name="_csrf" type="hidden" value="0qmf11ardy9t77kbFn1W-RLO2tTvCYDJ_De9eU" />
			  <button type="submit" class="primary">Sign in</button>
			</form>
			""";

	@Test
	void formCsrfTokenWhenTheLoginPageHasOneThenItsValue() {
		assertThat(SecuredLogins.formCsrfToken(LOGIN_PAGE)).isEqualTo("0qmf11ardy9t77kbFn1W-RLO2tTvCYDJ_De9eU");
		assertThat(SecuredLogins.formCsrfToken("<input value=\"x\" type=\"hidden\" name=\"_csrf\">")).isEqualTo("x");
	}

	@Test
	void formCsrfTokenWhenThePageHasNoneThenNull() {
		assertThat(SecuredLogins.formCsrfToken("<html><body>Whitelabel Error Page</body></html>")).isNull();
		assertThat(SecuredLogins.formCsrfToken("<input name=\"_csrf\" type=\"hidden\">")).isNull();
	}

	@Test
	void loginBodyIsTheJwtAsAJsonObject() {
		byte[] body = SecuredLogins.loginBody("eyJ.a-b_c.d".getBytes(StandardCharsets.US_ASCII));
		assertThat(new String(body, StandardCharsets.US_ASCII)).isEqualTo("{\"jwt\":\"eyJ.a-b_c.d\"}");
	}

}
