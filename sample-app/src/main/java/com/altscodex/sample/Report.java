package com.altscodex.sample;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A quarterly report, as {@code GET /api/reports} answers it. The figures are made up:
 * the sample has no business of its own, only something worth guarding with a
 * permission.
 *
 * @param id the report's id, such as {@code 2026-q3}
 * @param quarter the quarter it covers, such as {@code Q3 2026}
 * @param title what it is about
 * @param transfers slot transfers in the quarter
 * @param activeSlots slots with at least one transfer
 * @param revenue revenue, in euros
 */
record Report(@JsonProperty("id") String id, @JsonProperty("quarter") String quarter,
		@JsonProperty("title") String title, @JsonProperty("transfers") long transfers,
		@JsonProperty("active_slots") long activeSlots, @JsonProperty("revenue_eur") BigDecimal revenue) {

}
