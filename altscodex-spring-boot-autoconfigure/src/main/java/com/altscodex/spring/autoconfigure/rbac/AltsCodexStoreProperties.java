package com.altscodex.spring.autoconfigure.rbac;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Configuration properties of the database that keeps roles and personal access tokens.
 */
@ConfigurationProperties("altscodex.store")
public class AltsCodexStoreProperties {

	/**
	 * When to create the tables of roles and tokens, if missing: 'embedded' only for an
	 * embedded database such as the in-memory H2, 'always', or 'never' when they are
	 * managed another way.
	 */
	private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

	public DatabaseInitializationMode getInitializeSchema() {
		return this.initializeSchema;
	}

	public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
		this.initializeSchema = initializeSchema;
	}

}
