package com.altscodex.benchmarks.suite;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTests {

	private static final String SCRAPE = """
			# HELP altscodex_pending_logins_refused_total Logins refused
			# TYPE altscodex_pending_logins_refused_total counter
			altscodex_pending_logins_refused_total{client="default"} 500.0
			altscodex_pending_logins_refused_total{client="tenant-b"} 2.0
			altscodex_pending_logins{client="default"} 1000.0
			http_server_requests_seconds_count{error="none",method="POST",status="503",uri="/login"} 500
			http_server_requests_seconds_count{error="none",method="POST",status="200",uri="/login"} 1000
			http_server_requests_seconds_count{error="none",method="GET",status="503",uri="/bench/state"} 7
			""";

	@Test
	void sumWhenSeveralTagsThenAddsThemUp() {
		assertThat(PrometheusText.sum(SCRAPE, "altscodex_pending_logins_refused_total")).isEqualTo(502.0);
	}

	@Test
	void sumWhenANameIsThePrefixOfAnotherThenOnlyItsOwnSamples() {
		assertThat(PrometheusText.sum(SCRAPE, "altscodex_pending_logins")).isEqualTo(1000.0);
	}

	@Test
	void sumWhenNoSuchMeterThenNull() {
		assertThat(PrometheusText.sum(SCRAPE, "altscodex_pending_logins_refused")).isNull();
		assertThat(PrometheusText.sum("", "anything")).isNull();
	}

	@Test
	void sumWhenTagsAreGivenThenOnlySamplesWithAllOfThem() {
		assertThat(PrometheusText.sum(SCRAPE, "http_server_requests_seconds_count", "status=\"503\"", "uri=\"/login\""))
			.isEqualTo(500.0);
		assertThat(PrometheusText.sum(SCRAPE, "http_server_requests_seconds_count", "status=\"503\"")).isEqualTo(507.0);
		assertThat(PrometheusText.sum(SCRAPE, "http_server_requests_seconds_count", "status=\"50\"")).isNull();
	}

	@Test
	void sumWhenNoTagsThenTheValue() {
		assertThat(PrometheusText.sum("up 1\n", "up")).isEqualTo(1.0);
	}

}
