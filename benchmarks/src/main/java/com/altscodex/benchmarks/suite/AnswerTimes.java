package com.altscodex.benchmarks.suite;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

import com.altscodex.benchmarks.load.Results;
import com.altscodex.benchmarks.server.AnswerTimingWebFilter;

/**
 * The app's own times of its answers with one status, as {@code GET /bench/answer-times}
 * answers them ({@link AnswerTimingWebFilter}): from the bench filter's entry to the
 * commit of each answer.
 *
 * @param status the status of the answers timed
 * @param latency their times
 */
record AnswerTimes(int status, Results.Latency latency) {

	/**
	 * Reads the answer of {@code GET /bench/answer-times}.
	 * @throws IllegalStateException if the answer is not one
	 */
	static AnswerTimes parse(String body) {
		JsonNode node = BenchmarkSuite.JSON.readTree(body);
		JsonNode status = node.get("status");
		JsonNode histogram = node.get("histogram");
		if (status == null || !status.isInt() || histogram == null || !histogram.isString()) {
			throw new IllegalStateException("Not an answer of /bench/answer-times: " + body);
		}
		return new AnswerTimes(status.asInt(), Results.Latency.of(decode(histogram.asString())));
	}

	private static Histogram decode(String base64) {
		try {
			return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
		}
		catch (DataFormatException | RuntimeException ex) {
			throw new IllegalStateException("Not an encoded histogram: " + base64, ex);
		}
	}

}
