package com.altscodex.spring.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated configuration metadata (what IDEs show) describes every property, and
 * the property reference in {@code docs/} lists every one of them.
 */
class PropertyReferenceTests {

	@Test
	@SuppressWarnings("unchecked")
	void everyPropertyIsDescribedAndDocumented() throws IOException {
		Path metadata = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
		Map<String, Object> json = JsonMapper.shared().readValue(metadata.toFile(), Map.class);
		List<Map<String, Object>> properties = (List<Map<String, Object>>) json.get("properties");
		String reference = Files.readString(Path.of("../docs/configuration-properties.md"));
		assertThat(properties).hasSizeGreaterThan(10);
		for (Map<String, Object> property : properties) {
			String name = (String) property.get("name");
			assertThat((String) property.get("description")).as("description of %s", name).isNotBlank();
			assertThat(reference).as("docs/configuration-properties.md").contains("`" + name + "`");
		}
		for (String field : List.of("client-id", "client-secret", "redirect-uri", "auth-server-url", "platform-url",
				"timeout", "callback-path", "max-pending-logins")) {
			assertThat(reference).contains("`altscodex.clients.<name>." + field + "`");
		}
	}

}
