package com.altscodex.spring.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.authority.SimpleGrantedAuthority;

import com.altscodex.spring.client.SlotInfo;
import com.altscodex.spring.client.TokenSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the security package holds of a sign-in never shows a token, a JWT, a code or a
 * state in {@code toString()}; what lives in a session survives serialization.
 */
class SecretsStayHiddenTests {

	private static final SlotInfo SLOT = new SlotInfo("alice", "at-secret-1", "0xabc", "Alice", 3L, "code-secret-1",
			"rt-secret-1");

	@Test
	void authorizedClientThenEveryTokenMasked() {
		AltsCodexAuthorizedClient client = AltsCodexAuthorizedClient.of("default", SLOT, "jwt-secret-1")
			.withTokens(new TokenSet("at-secret-2", "rt-secret-2", "code-secret-2"));

		assertThat(client.accessToken()).isEqualTo("at-secret-2");
		assertThat(client.toString()).doesNotContain("secret").contains("principalName=alice");
	}

	@Test
	void loginTokenThenGrantHiddenAndErasable() {
		AltsCodexLoginAuthenticationToken jwt = AltsCodexLoginAuthenticationToken.jwt("default", "jwt-secret-1");

		assertThat(jwt.toString()).doesNotContain("jwt-secret-1");
		AltsCodexLoginAuthenticationToken signedIn = jwt.signedIn(
				AltsCodexUser.of(SLOT, "default", List.of(new SimpleGrantedAuthority("ROLE_USER"))),
				AltsCodexAuthorizedClient.of("default", SLOT, "jwt-secret-1"));
		assertThat(signedIn.getGrant()).isNull();
		assertThat(signedIn.toString()).doesNotContain("secret");
		jwt.eraseCredentials();
		assertThat(jwt.getCredentials()).isNull();
	}

	@Test
	void loginRequestThenStateHidden() {
		AltsCodexLoginRequest request = new AltsCodexLoginRequest("state-secret-1", "default", Instant.now());

		assertThat(request.toString()).doesNotContain("state-secret-1");
	}

	@Test
	void userAndAuthenticationThenNoSecretAndSerializable() throws Exception {
		AltsCodexAuthenticationToken token = new AltsCodexAuthenticationToken(
				AltsCodexUser.of(SLOT, "default", List.of(new SimpleGrantedAuthority("ROLE_USER"))));

		assertThat(token.toString()).doesNotContain("secret");
		assertThat(roundTrip(token)).isEqualTo(token);
		assertThat(roundTrip(AltsCodexAuthorizedClient.of("default", SLOT, null)))
			.isEqualTo(AltsCodexAuthorizedClient.of("default", SLOT, null));
	}

	@Test
	void userWithLineBreaksInUpstreamStringsThenOneLogLine() {
		AltsCodexUser user = new AltsCodexUser("a\r\nforged", "default", "Al\nice", null, null, List.of());

		assertThat(user.toString()).doesNotContain("\n").doesNotContain("\r");
	}

	private static Object roundTrip(Object value) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			return in.readObject();
		}
	}

}
