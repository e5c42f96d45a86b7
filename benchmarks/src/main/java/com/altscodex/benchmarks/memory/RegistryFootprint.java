package com.altscodex.benchmarks.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openjdk.jol.info.GraphLayout;
import tools.jackson.databind.json.JsonMapper;

import com.altscodex.spring.client.pending.InMemoryPendingLoginRegistry;
import com.altscodex.spring.client.pending.PendingLogin;

/**
 * The heap that {@code --entries} pending logins hold in an
 * {@link InMemoryPendingLoginRegistry} alone, registered exactly as
 * {@code DefaultAltsCodexClient} registers them: a fresh state (24 random bytes from a
 * DRBG, base64url), {@code register(client, state, limit)}, then a subscriber on
 * {@code pending.callback()} that waits for the outcome.
 * <p>
 * Two methods: the used heap after full collections with the entries minus without,
 * divided by the number of entries; and JOL's walk of the object graph reachable from
 * the registry (exact, counts every object once; shared singletons such as the empty
 * subscriber lambdas are counted once, not per entry). Prints {@code RESULT <json>}.
 */
public final class RegistryFootprint {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private RegistryFootprint() {
	}

	public static void main(String[] args) throws Exception {
		int entries = (args.length > 1 && "--entries".equals(args[0])) ? Integer.parseInt(args[1]) : 100_000;
		SecureRandom random = SecureRandom.getInstance("DRBG");
		InMemoryPendingLoginRegistry registry = new InMemoryPendingLoginRegistry();
		// load and compile every class on the path first
		for (int i = 0; i < 20_000; i++) {
			PendingLogin pending = registry.register("bench", state(random), Integer.MAX_VALUE);
			pending.callback().subscribe((callback) -> { }, (ex) -> pending.release());
		}
		// as the client does: every end of a login releases its entry
		registry.failAll("bench", () -> new IllegalStateException("warm-up"));
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long before = usedAfterGc(memory);
		for (int i = 0; i < entries; i++) {
			registry.register("bench", state(random), Integer.MAX_VALUE).callback().subscribe((callback) -> { },
					(ex) -> { });
		}
		long after = usedAfterGc(memory);
		if (registry.size() != entries) {
			throw new IllegalStateException(registry.size() + " entries registered, expected " + entries);
		}
		Double jolBytes = null;
		List<Map<String, Object>> breakdown = new ArrayList<>();
		String jolError = null;
		try {
			GraphLayout layout = GraphLayout.parseInstance(registry);
			jolBytes = (double) layout.totalSize() / entries;
			for (Class<?> type : layout.getClasses()) {
				long size = layout.getClassSizes().count(type);
				if (size >= entries) {
					Map<String, Object> row = new LinkedHashMap<>();
					row.put("className", type.getName());
					row.put("bytesPerLogin", (double) size / entries);
					row.put("instancesPerLogin", (double) layout.getClassCounts().count(type) / entries);
					breakdown.add(row);
				}
			}
			breakdown.sort((a, b) -> Double.compare((double) b.get("bytesPerLogin"), (double) a.get("bytesPerLogin")));
		}
		catch (Throwable ex) {
			jolError = ex.getClass().getName() + ": " + ex.getMessage();
		}
		Reference.reachabilityFence(registry);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("entries", entries);
		result.put("heapBefore", before);
		result.put("heapAfter", after);
		result.put("bytesPerEntryHeap", (double) (after - before) / entries);
		result.put("bytesPerEntryJol", jolBytes);
		result.put("jolError", jolError);
		result.put("breakdown", breakdown);
		System.out.println("RESULT " + JsonMapper.builder().build().writeValueAsString(result));
		System.exit(0);
	}

	private static String state(SecureRandom random) {
		byte[] bytes = new byte[24];
		random.nextBytes(bytes);
		return BASE64URL.encodeToString(bytes);
	}

	private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
		long least = Long.MAX_VALUE;
		for (int i = 0; i < 4; i++) {
			System.gc();
			Thread.sleep(200);
			least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
		}
		return least;
	}

}
