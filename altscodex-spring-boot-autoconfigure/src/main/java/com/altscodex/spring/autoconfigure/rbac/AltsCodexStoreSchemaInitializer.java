package com.altscodex.spring.autoconfigure.rbac;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.r2dbc.spi.ConnectionFactory;

import org.springframework.boot.r2dbc.EmbeddedDatabaseConnection;
import org.springframework.boot.r2dbc.init.R2dbcScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

import com.altscodex.spring.autoconfigure.InvalidAltsCodexPropertyException;
import com.altscodex.spring.pat.r2dbc.R2dbcPersonalAccessTokenService;
import com.altscodex.spring.rbac.r2dbc.R2dbcRoleService;

/**
 * Creates the tables of roles and personal access tokens, if missing, with the scripts
 * shipped for the database (H2, PostgreSQL, MariaDB), as Spring Session JDBC creates
 * its own: for an embedded database only, always or never
 * ({@code altscodex.store.initialize-schema}). A Boot database initializer, so beans that
 * depend on database initialization wait for it. The scripts are read beforehand and, on
 * H2, run off the event loops ({@link BoundedElasticConnectionFactory}).
 */
public class AltsCodexStoreSchemaInitializer extends R2dbcScriptDatabaseInitializer {

	private final boolean embedded;

	/**
	 * Creates the initializer.
	 * @param connectionFactory the database
	 * @param mode when to create the tables
	 */
	public AltsCodexStoreSchemaInitializer(ConnectionFactory connectionFactory, DatabaseInitializationMode mode) {
		super(BoundedElasticConnectionFactory.forStores(connectionFactory), settings(connectionFactory, mode));
		this.embedded = EmbeddedDatabaseConnection.isEmbedded(connectionFactory);
	}

	// asked of the application's factory: Boot recognizes an embedded database by its own
	// wrapper, which the scripts' factory hides
	@Override
	protected boolean isEmbeddedDatabase() {
		return this.embedded;
	}

	/**
	 * Runs the scripts read beforehand, on the thread that starts the application: Spring
	 * reads a script's resource where the connection's answer arrives, which for a
	 * database over the network is an event loop that must never wait for a file.
	 */
	@Override
	protected void runScripts(Scripts scripts) {
		List<Resource> read = new ArrayList<>();
		for (Resource script : scripts) {
			try (InputStream in = script.getInputStream()) {
				read.add(new ByteArrayResource(in.readAllBytes(), script.getDescription()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read " + script.getDescription(), ex);
			}
		}
		super.runScripts(new Scripts(read).continueOnError(scripts.isContinueOnError())
			.separator(scripts.getSeparator())
			.encoding(scripts.getEncoding()));
	}

	private static DatabaseInitializationSettings settings(ConnectionFactory connectionFactory,
			DatabaseInitializationMode mode) {
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setMode(mode);
		if (mode != DatabaseInitializationMode.NEVER) {
			String platform = platform(connectionFactory);
			settings.setSchemaLocations(
					List.of(R2dbcRoleService.SCHEMA_LOCATION_PATTERN.replace("@@platform@@", platform),
							R2dbcPersonalAccessTokenService.SCHEMA_LOCATION_PATTERN.replace("@@platform@@", platform)));
		}
		return settings;
	}

	static String platform(ConnectionFactory connectionFactory) {
		String name = connectionFactory.getMetadata().getName().toLowerCase(Locale.ROOT);
		if (name.contains("h2")) {
			return "h2";
		}
		if (name.contains("postgres")) {
			return "postgresql";
		}
		if (name.contains("mariadb")) {
			return "mariadb";
		}
		throw new InvalidAltsCodexPropertyException("altscodex.store.initialize-schema",
				"AltsCodex ships no schema for the database '" + connectionFactory.getMetadata().getName()
						+ "'; it has scripts for H2, PostgreSQL and MariaDB.",
				"Create the tables yourself from the scripts in com/altscodex/spring/rbac/r2dbc and com/altscodex/spring/pat/r2dbc, and set 'altscodex.store.initialize-schema' to 'never'.");
	}

}
