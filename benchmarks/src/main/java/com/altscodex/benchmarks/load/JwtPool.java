package com.altscodex.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pre-issued JWTs, one per distinct user, handed out round robin.
 */
final class JwtPool {

	private final List<Entry> entries;

	private final AtomicInteger next = new AtomicInteger();

	private JwtPool(List<Entry> entries) {
		if (entries.isEmpty()) {
			throw new IllegalArgumentException("No JWTs");
		}
		this.entries = entries;
	}

	static JwtPool read(Path file) throws IOException {
		List<Entry> entries = new ArrayList<>();
		for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
			int tab = line.indexOf('\t');
			if (tab > 0) {
				entries.add(new Entry(line.substring(0, tab), line.substring(tab + 1).getBytes(StandardCharsets.US_ASCII)));
			}
		}
		return new JwtPool(List.copyOf(entries));
	}

	Entry next() {
		return this.entries.get(Math.floorMod(this.next.getAndIncrement(), this.entries.size()));
	}

	Entry get(int index) {
		return this.entries.get(Math.floorMod(index, this.entries.size()));
	}

	int size() {
		return this.entries.size();
	}

	/**
	 * A user and a JWT whose subject is that user.
	 */
	record Entry(String user, byte[] jwt) {
	}

}
