package com.altscodex.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.reactive.StandardReactiveWebEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * When some AltsCodex client settings are given but not all that a real DeOAuth needs,
 * the sample refuses to start, and the start-up failure report names what is given and
 * what is missing, in the spelling the user chose, rather than starting the simulator
 * over the user's settings.
 */
@ExtendWith(OutputCaptureExtension.class)
class IncompleteClientSettingsTests {

	private static final String SECRET = "partial-client-secret-0123456789";

	private final IncompleteClientSettingsFailureAnalyzer analyzer = new IncompleteClientSettingsFailureAnalyzer();

	@Test
	void onlyClientIdEnvironmentVariableThenStartUpFailsWithAReportNamingTheMissingVariables(CapturedOutput output) {
		IncompleteClientSettingsException failure = startUpFailure(Map.of("ALTSCODEX_CLIENT_ID", "my-client"));
		assertThat(failure.getMissingProperties()).containsExactly("altscodex.auth-server-url",
				"altscodex.client-secret", "altscodex.redirect-uri");
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis.getDescription()).startsWith("ALTSCODEX_CLIENT_ID is set but ALTSCODEX_AUTH_SERVER_URL "
				+ "('altscodex.auth-server-url'), ALTSCODEX_CLIENT_SECRET ('altscodex.client-secret') and "
				+ "ALTSCODEX_REDIRECT_URI ('altscodex.redirect-uri') are not");
		assertThat(analysis.getAction()).contains("set ALTSCODEX_AUTH_SERVER_URL to https://api.altscodex.com")
			.endsWith("To run against the built-in DeOAuth simulator instead, unset ALTSCODEX_CLIENT_ID.");
		// Boot's own report: the analyzer is registered in spring.factories
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains(analysis.getDescription())
			.contains(analysis.getAction());
	}

	@Test
	void clientWithoutAuthServerUrlAsPropertiesThenStartUpFailsNamingTheUrlWithoutTheSecret(CapturedOutput output) {
		IncompleteClientSettingsException failure = startUpFailure(Map.of(), "--altscodex.client-id=my-client",
				"--altscodex.client-secret=" + SECRET,
				"--altscodex.redirect-uri=https://app.example.com/getinfo");
		assertThat(failure.getMissingProperties()).containsExactly("altscodex.auth-server-url");
		assertThat(failure.getDescription()).startsWith("'altscodex.client-id', 'altscodex.client-secret' and "
				+ "'altscodex.redirect-uri' are set but 'altscodex.auth-server-url' (ALTSCODEX_AUTH_SERVER_URL) is not");
		assertThat(failure.getAction()).startsWith(
				"For a real AltsCodex account, set 'altscodex.auth-server-url' to https://api.altscodex.com.");
		assertThat(output).contains("APPLICATION FAILED TO START").doesNotContain(SECRET);
	}

	@Test
	void clientIdAndSecretWithoutAuthServerUrlThenStartUpFailsNamingUrlAndRedirectUri() {
		IncompleteClientSettingsException failure = startUpFailure(
				Map.of("ALTSCODEX_CLIENT_ID", "my-client", "ALTSCODEX_CLIENT_SECRET", SECRET));
		assertThat(failure.getMissingProperties()).containsExactly("altscodex.auth-server-url",
				"altscodex.redirect-uri");
		assertThat(failure.getDescription())
			.startsWith("ALTSCODEX_CLIENT_ID and ALTSCODEX_CLIENT_SECRET are set but ALTSCODEX_AUTH_SERVER_URL");
		assertThat(failure.getMessage()).doesNotContain(SECRET);
	}

	@Test
	void relaxedSpellingsCountAsGivenAndAreReportedAsWritten() {
		IncompleteClientSettingsException failure = startUpFailure(Map.of("ALTSCODEX_CLIENTSECRET", SECRET),
				"--altscodex.clientId=my-client");
		assertThat(failure.getMissingProperties()).containsExactly("altscodex.auth-server-url",
				"altscodex.redirect-uri");
		assertThat(failure.getDescription()).startsWith("'altscodex.clientId' and ALTSCODEX_CLIENTSECRET are set");
		assertThat(failure.getAction()).endsWith("unset 'altscodex.clientId' and ALTSCODEX_CLIENTSECRET.");
	}

	@Test
	void emptyValueCountsAsGiven() {
		IncompleteClientSettingsException failure = startUpFailure(Map.of("ALTSCODEX_CLIENT_ID", ""));
		assertThat(failure.getMissingProperties()).contains("altscodex.auth-server-url");
	}

	@Test
	void platformUrlAloneThenStartUpFailsNamingTheServerAndTheClient() {
		IncompleteClientSettingsException failure = startUpFailure(
				Map.of("ALTSCODEX_PLATFORM_URL", "https://altscodex.com"));
		assertThat(failure.getMissingProperties()).containsExactly("altscodex.auth-server-url",
				"altscodex.client-id", "altscodex.client-secret", "altscodex.redirect-uri");
	}

	@Test
	void authServerUrlAloneThenStartUpFailsNamingTheClient() {
		IncompleteClientSettingsException failure = startUpFailure(
				Map.of("ALTSCODEX_AUTH_SERVER_URL", "https://api.altscodex.com"));
		assertThat(failure.getMissingProperties()).containsExactly("altscodex.client-id", "altscodex.client-secret",
				"altscodex.redirect-uri");
		assertThat(failure.getAction()).contains("set ALTSCODEX_CLIENT_ID to the client id AltsCodex issued you")
			.endsWith("unset ALTSCODEX_AUTH_SERVER_URL.");
	}

	@Test
	void namedClientWithoutAnyAuthServerUrlThenStartUpFailsNamingTheUrl() {
		IncompleteClientSettingsException failure = startUpFailure(Map.of(), "--altscodex.clients.shop.client-id=shop");
		assertThat(failure.getMissingProperties()).containsExactly("altscodex.auth-server-url");
		assertThat(failure.getDescription())
			.startsWith("'altscodex.clients.shop.*' (ALTSCODEX_CLIENTS_SHOP_*) is set but 'altscodex.auth-server-url'");
	}

	@Test
	void clientIdInSpringApplicationDefaultPropertiesThenStartUpFails() {
		SpringApplicationBuilder application = new SpringApplicationBuilder(SampleApplication.class)
			.properties(Map.of("altscodex.client-id", "my-client"));
		IncompleteClientSettingsException failure = catchThrowableOfType(IncompleteClientSettingsException.class,
				() -> application.run("--server.port=0").close());
		assertThat(failure).isNotNull();
		assertThat(failure.getMissingProperties()).contains("altscodex.auth-server-url");
	}

	@Test
	void clientIdInAConfigurationFileThenTheReportNamesTheFileAndLine(@TempDir Path directory) throws IOException {
		Path file = Files.writeString(directory.resolve("altscodex.properties"), """
				# the client, but not the server
				altscodex.client-id=my-client
				""");
		IncompleteClientSettingsException failure = startUpFailure(Map.of(),
				"--spring.config.import=file:" + file.toAbsolutePath());
		assertThat(failure.getDescription()).startsWith("'altscodex.client-id' (")
			.contains(file.getFileName().toString())
			.contains("- 2:");
	}

	@Test
	void analyzerFindsTheExceptionAsACause() {
		IncompleteClientSettingsException failure = startUpFailure(Map.of("ALTSCODEX_CLIENT_ID", "my-client"));
		FailureAnalysis analysis = this.analyzer.analyze(new IllegalStateException("wrapped", failure));
		assertThat(analysis.getDescription()).isEqualTo(failure.getDescription());
		assertThat(analysis.getAction()).isEqualTo(failure.getAction());
		assertThat(analysis.getCause()).isSameAs(failure);
	}

	@Test
	void analyzerReturnsNullForOtherFailures() {
		assertThat(this.analyzer.analyze(new IllegalStateException("Port 8080 was already in use"))).isNull();
	}

	private static IncompleteClientSettingsException startUpFailure(Map<String, Object> environmentVariables,
			String... args) {
		StandardReactiveWebEnvironment environment = new StandardReactiveWebEnvironment();
		// a name ending in "-systemEnvironment": Boot then maps names as for the real
		// environment (ALTSCODEX_CLIENTID as well as ALTSCODEX_CLIENT_ID)
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", environmentVariables));
		SpringApplicationBuilder application = new SpringApplicationBuilder(SampleApplication.class)
			.environment(environment);
		// a random port, should the sample start despite all
		String[] arguments = new String[args.length + 1];
		System.arraycopy(args, 0, arguments, 0, args.length);
		arguments[args.length] = "--server.port=0";
		IncompleteClientSettingsException failure = catchThrowableOfType(IncompleteClientSettingsException.class,
				() -> application.run(arguments).close());
		assertThat(failure).as("start-up failure").isNotNull();
		return failure;
	}

}
