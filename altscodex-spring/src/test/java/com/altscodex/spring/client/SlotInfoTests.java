package com.altscodex.spring.client;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class SlotInfoTests {

	private final JsonMapper mapper = JsonMapper.shared();

	@Test
	void readWhenContractNamesAndUnknownFieldsThenMapsKnownOnes() {
		SlotInfo slot = this.mapper.readValue("""
				{"id":"u1","access_token":"at-secret","content_address":"0xabc","token_nickname":"Alice",
				 "tr_cnt":7,"code":"c-secret","something_new":{"x":1}}
				""", SlotInfo.class);
		assertThat(slot).isEqualTo(new SlotInfo("u1", "at-secret", "0xabc", "Alice", 7L, "c-secret"));
	}

	@Test
	void toStringThenMasksAccessTokenAndCode() {
		SlotInfo slot = new SlotInfo("u1", "at-secret", "0xabc", "Alice", 7L, "c-secret");
		assertThat(slot.toString()).contains("u1", "Alice").doesNotContain("at-secret", "c-secret");
	}

	@Test
	void toStringWhenUpstreamStringsHoldLineBreaksThenCannotForgeLogLines() {
		SlotInfo slot = new SlotInfo("u1\r\n2026-12-01 INFO forged", null, "0x\u0000abc", "Al\nice", 7L, null);
		assertThat(slot.toString()).doesNotContain("\r", "\n", "\u0000").contains("u1", "forged", "Al");
	}

	@Test
	void writeThenNeverSerializesAccessTokenOrCode() {
		String json = this.mapper.writeValueAsString(new SlotInfo("u1", "at-secret", "0xabc", "Alice", 7L, "c"));
		assertThat(json).contains("\"id\":\"u1\"", "\"token_nickname\":\"Alice\"", "\"tr_cnt\":7")
			.doesNotContain("at-secret", "access_token", "\"code\"");
	}

	@Test
	void tokenSetToStringThenMasksEveryToken() {
		assertThat(new TokenSet("at-1", "rt-1", "c-1").toString()).doesNotContain("at-1", "rt-1", "c-1");
	}

}
