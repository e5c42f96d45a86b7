package com.altscodex.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import com.altscodex.spring.autoconfigure.AltsCodexProperties;

/**
 * The AltsCodex client settings that an environment gives, whatever their spelling
 * ({@code altscodex.client-id}, {@code altscodex.clientId}, {@code ALTSCODEX_CLIENT_ID}
 * ...) and whichever property source holds them. They decide the sample's mode:
 * <ul>
 * <li>none of {@value #AUTH_SERVER_URL}, {@value #PLATFORM_URL}, {@value #CLIENT_ID},
 * {@value #CLIENT_SECRET}, {@value #REDIRECT_URI} or {@value #CLIENTS}{@code .*} given:
 * simulator mode;</li>
 * <li>some given: a real DeOAuth, which needs {@value #AUTH_SERVER_URL} and a client
 * ({@value #CLIENT_ID}, {@value #CLIENT_SECRET} and {@value #REDIRECT_URI}, or named
 * clients under {@value #CLIENTS}); {@link #missing()} lists what is not given.</li>
 * </ul>
 * A setting counts as given when a property source holds it, even with an empty value:
 * an empty value still hides whatever the simulator would set.
 */
final class ClientSettings {

	static final String AUTH_SERVER_URL = "altscodex.auth-server-url";

	static final String PLATFORM_URL = "altscodex.platform-url";

	static final String CLIENT_ID = "altscodex.client-id";

	static final String CLIENT_SECRET = "altscodex.client-secret";

	static final String REDIRECT_URI = "altscodex.redirect-uri";

	static final String CLIENTS = "altscodex.clients";

	private static final List<String> TOP_LEVEL = List.of(AUTH_SERVER_URL, PLATFORM_URL, CLIENT_ID, CLIENT_SECRET,
			REDIRECT_URI);

	private static final List<String> TOP_LEVEL_CLIENT = List.of(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI);

	private final Map<String, GivenSetting> given;

	private final Map<String, AltsCodexProperties.Client> namedClients;

	private ClientSettings(Map<String, GivenSetting> given, Map<String, AltsCodexProperties.Client> namedClients) {
		this.given = given;
		this.namedClients = namedClients;
	}

	/**
	 * Reads the client settings of an environment, leaving one property source out.
	 * @param environment the environment, with its configuration files loaded
	 * @param ignoredPropertySource name of a property source to leave out (the
	 * simulator's own, should a context be refreshed again on the same environment)
	 * @return the settings it gives
	 */
	static ClientSettings of(ConfigurableEnvironment environment, String ignoredPropertySource) {
		List<ConfigurationPropertySource> sources = new ArrayList<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source.getUnderlyingSource() instanceof PropertySource<?> propertySource)
					|| !ignoredPropertySource.equals(propertySource.getName())) {
				sources.add(source);
			}
		}
		Map<String, GivenSetting> given = new LinkedHashMap<>();
		for (String name : TOP_LEVEL) {
			GivenSetting setting = find(sources, name);
			if (setting != null) {
				given.put(name, setting);
			}
		}
		// the starter's own binding, so the client names are the ones it would register
		Map<String, AltsCodexProperties.Client> namedClients = new Binder(sources,
				new PropertySourcesPlaceholdersResolver(environment))
			.bind(CLIENTS, Bindable.mapOf(String.class, AltsCodexProperties.Client.class))
			.orElseGet(Map::of);
		return new ClientSettings(given, namedClients);
	}

	private static @Nullable GivenSetting find(List<ConfigurationPropertySource> sources, String name) {
		ConfigurationPropertyName propertyName = ConfigurationPropertyName.of(name);
		for (ConfigurationPropertySource source : sources) {
			ConfigurationProperty property = source.getConfigurationProperty(propertyName);
			if (property != null) {
				return GivenSetting.of(name, source, property.getOrigin());
			}
		}
		return null;
	}

	/**
	 * Whether no client setting is given at all: the only case for simulator mode.
	 */
	boolean isEmpty() {
		return this.given.isEmpty() && this.namedClients.isEmpty();
	}

	/**
	 * What a real DeOAuth needs and is not given. Empty in simulator mode, and when the
	 * settings are complete enough for the starter, which checks their values.
	 * @return canonical property names, in the order a user would set them
	 */
	List<String> missing() {
		if (isEmpty()) {
			return List.of();
		}
		boolean topLevelClient = TOP_LEVEL_CLIENT.stream().anyMatch(this.given::containsKey);
		boolean anyClient = topLevelClient || !this.namedClients.isEmpty();
		// a named client may name its own server, the top-level URL is only its default
		boolean needsTopLevelUrl = topLevelClient || !anyClient
				|| this.namedClients.values().stream().anyMatch((client) -> client.getAuthServerUrl() == null);
		List<String> missing = new ArrayList<>();
		if (needsTopLevelUrl && !this.given.containsKey(AUTH_SERVER_URL)) {
			missing.add(AUTH_SERVER_URL);
		}
		if (topLevelClient || !anyClient) {
			TOP_LEVEL_CLIENT.stream().filter((name) -> !this.given.containsKey(name)).forEach(missing::add);
		}
		return missing;
	}

	/**
	 * Fails when {@link #missing()} is not empty.
	 * @throws IncompleteClientSettingsException naming what is given and what is
	 * missing, in the spelling the user chose
	 */
	void requireComplete() {
		List<String> missing = missing();
		if (missing.isEmpty()) {
			return;
		}
		boolean viaEnvironment = viaEnvironment();
		List<String> given = new ArrayList<>();
		List<String> unset = new ArrayList<>();
		for (GivenSetting setting : this.given.values()) {
			given.add(setting.description());
			unset.add(setting.spelledName());
		}
		for (String name : this.namedClients.keySet()) {
			given.add(bothForms(CLIENTS + "." + name + ".*", viaEnvironment));
			unset.add(primaryForm(CLIENTS + "." + name + ".*", viaEnvironment));
		}
		String description = join(given) + ((given.size() == 1) ? " is" : " are") + " set but "
				+ join(missing.stream().map((name) -> bothForms(name, viaEnvironment)).toList())
				+ ((missing.size() == 1) ? " is" : " are")
				+ " not: a real AltsCodex account needs all of them, and the built-in DeOAuth simulator runs only "
				+ "when no AltsCodex client setting is given.";
		String action = "For a real AltsCodex account, set "
				+ join(missing.stream().map((name) -> primaryForm(name, viaEnvironment) + hint(name)).toList())
				+ ". To run against the built-in DeOAuth simulator instead, unset " + join(unset) + ".";
		throw new IncompleteClientSettingsException(missing, description, action);
	}

	// the user's own habit decides which spelling comes first in the report
	private boolean viaEnvironment() {
		return !this.given.isEmpty() && this.given.values().stream().allMatch(GivenSetting::fromEnvironment);
	}

	private static String hint(String name) {
		return switch (name) {
			case AUTH_SERVER_URL -> " to https://api.altscodex.com";
			case CLIENT_ID -> " to the client id AltsCodex issued you";
			case CLIENT_SECRET -> " to the client secret that goes with it";
			case REDIRECT_URI -> " to the redirect URI registered for the client (DeOAuth calls this application "
					+ "back there)";
			default -> "";
		};
	}

	private static String primaryForm(String name, boolean viaEnvironment) {
		return viaEnvironment ? environmentVariable(name) : "'" + name + "'";
	}

	private static String bothForms(String name, boolean viaEnvironment) {
		return viaEnvironment ? environmentVariable(name) + " ('" + name + "')"
				: "'" + name + "' (" + environmentVariable(name) + ")";
	}

	static String environmentVariable(String name) {
		return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
	}

	private static String join(List<String> items) {
		if (items.size() == 1) {
			return items.get(0);
		}
		return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
	}

	/**
	 * A setting found in a property source.
	 *
	 * @param spelling the name as the user wrote it when known (an environment variable's
	 * exact name, a command-line argument's key), else the canonical name
	 * @param fromEnvironment whether an environment variable holds it
	 * @param location where a configuration file holds it, or {@code null}
	 */
	private record GivenSetting(String spelling, boolean fromEnvironment, @Nullable Origin location) {

		static GivenSetting of(String name, ConfigurationPropertySource source, @Nullable Origin origin) {
			if (source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource environment) {
				return new GivenSetting(environmentVariable(environment, name), true, null);
			}
			String spelling = name;
			Origin location = null;
			for (Origin candidate = origin; candidate != null; candidate = next(candidate)) {
				if (candidate instanceof PropertySourceOrigin propertySourceOrigin) {
					spelling = propertySourceOrigin.getPropertyName();
				}
				else if (candidate instanceof TextResourceOrigin && location == null) {
					location = candidate;
				}
			}
			return new GivenSetting(spelling, false, location);
		}

		// The origin may name the canonical property rather than the variable, since
		// Spring resolves 'altscodex.client-id' to ALTSCODEX_CLIENT_ID itself: look up which
		// of the spellings that Boot's and Spring's relaxed rules accept is the one set.
		private static String environmentVariable(SystemEnvironmentPropertySource environment, String name) {
			String upperCase = name.toUpperCase(Locale.ROOT);
			List<String> candidates = List.of(ClientSettings.environmentVariable(name),
					upperCase.replace('.', '_').replace("-", ""), name, name.replace('.', '_'), name.replace('-', '_'),
					name.replace('.', '_').replace('-', '_'), upperCase, upperCase.replace('.', '_'),
					upperCase.replace('-', '_'));
			return candidates.stream()
				.filter(environment.getSource()::containsKey)
				.findFirst()
				.orElseGet(() -> ClientSettings.environmentVariable(name));
		}

		private static @Nullable Origin next(Origin origin) {
			return (origin instanceof PropertySourceOrigin propertySourceOrigin) ? propertySourceOrigin.getOrigin()
					: origin.getParent();
		}

		String spelledName() {
			return this.fromEnvironment ? this.spelling : "'" + this.spelling + "'";
		}

		String description() {
			return spelledName() + ((this.location != null) ? " (" + this.location + ")" : "");
		}

	}

}
