package com.altscodex.benchmarks.memory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

import com.altscodex.benchmarks.suite.Args;
import com.altscodex.spring.client.ClientRegistration;
import com.altscodex.spring.client.DefaultAltsCodexClient;
import com.altscodex.spring.client.pending.InMemoryPendingLoginRegistry;

/**
 * The heap that pending logins hold in the client alone, without an inbound HTTP
 * request: {@code --logins} calls of {@code getSlotInfo(jwt)} on a
 * {@link DefaultAltsCodexClient} against a simulator that withholds its callbacks
 * (each login has sent {@code authorize} and waits), minus the heap before, per login.
 * What the end-to-end figure holds beyond this is the inbound request: connection,
 * HTTP codec, WebFlux exchange.
 * <p>
 * Talks to the orchestrator on standard input and output, so that it can take class
 * histograms in between: prints {@code BASELINE}, waits for {@code go}, prints
 * {@code HELD}, waits for {@code done}, prints {@code RESULT <json>}.
 */
public final class ClientFootprint {

	private static final InMemoryPendingLoginRegistry PENDING_LOGINS = new InMemoryPendingLoginRegistry();


	private ClientFootprint() {
	}

	public static void main(String[] arguments) throws Exception {
		Args args = Args.parse(arguments);
		int logins = args.intValue("logins", 10_000);
		String url = args.required("auth-server-url");
		List<String> jwts = jwts(Path.of(args.required("jwt-file")));
		ClientRegistration registration = ClientRegistration.withName("footprint")
			.clientId(args.required("client-id"))
			.clientSecret(args.required("client-secret"))
			.redirectUri("http://127.0.0.1:9/login/altscodex")
			.authServerUrl(url)
			.platformUrl(url)
			.timeout(Duration.ofMinutes(30))
			.build();
		DefaultAltsCodexClient client = DefaultAltsCodexClient.builder(registration)
			.pendingLogins(PENDING_LOGINS)
			.build();
		AtomicInteger failed = new AtomicInteger();
		List<Disposable> held = new ArrayList<>(logins);
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		// load every class and open the pool's connections; let every authorize finish
		// before cancelling: cancelling a request in flight closes its connection, and the
		// pool must hold the same connections at the baseline as with the logins held
		open(client, jwts, Math.min(logins, 2_000), held, failed);
		Thread.sleep(3000);
		held.forEach(Disposable::dispose);
		held.clear();
		awaitPending(client, 0);
		Thread.sleep(1000);
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long before = usedAfterGc(memory);
		signal("BASELINE heap=" + before);
		await(commands, "go");
		open(client, jwts, logins, held, failed);
		Thread.sleep(3000);
		long after = usedAfterGc(memory);
		int pending = PENDING_LOGINS.size();
		signal("HELD heap=" + after + " pending=" + pending);
		await(commands, "done");
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("logins", logins);
		result.put("pending", pending);
		result.put("failed", failed.get());
		result.put("heapBefore", before);
		result.put("heapAfter", after);
		result.put("bytesPerLogin", (pending > 0) ? (double) (after - before) / pending : 0);
		Reference.reachabilityFence(held);
		held.forEach(Disposable::dispose);
		client.destroy();
		signal("RESULT " + JsonMapper.builder().build().writeValueAsString(result));
		System.exit(0);
	}

	private static void open(DefaultAltsCodexClient client, List<String> jwts, int logins, List<Disposable> held,
			AtomicInteger failed) throws InterruptedException {
		for (int opened = 0; opened < logins;) {
			int batch = Math.min(1000, logins - opened);
			for (int i = 0; i < batch; i++) {
				held.add(client.getSlotInfo(jwts.get((opened + i) % jwts.size()))
					.subscribe((slot) -> failed.incrementAndGet(), (ex) -> {
						if (failed.incrementAndGet() <= 5) {
							System.err.println("Login failed: " + ex);
						}
					}));
			}
			opened += batch;
			int total = opened;
			awaitPending(client, () -> total - failed.get());
		}
	}

	private static void awaitPending(DefaultAltsCodexClient client, int expected) throws InterruptedException {
		awaitPending(client, () -> expected);
	}

	private static void awaitPending(DefaultAltsCodexClient client, IntSupplier expected) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (PENDING_LOGINS.size() != expected.getAsInt() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
	}

	private static List<String> jwts(Path file) throws IOException {
		List<String> jwts = new ArrayList<>();
		for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
			int tab = line.indexOf('\t');
			if (tab > 0) {
				jwts.add(line.substring(tab + 1));
			}
		}
		return jwts;
	}

	private static void await(BufferedReader commands, String expected) throws IOException {
		String line;
		while ((line = commands.readLine()) != null && !line.strip().equals(expected)) {
			// wait for the orchestrator
		}
	}

	private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
		long least = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(200);
			least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
		}
		return least;
	}

	private static void signal(String line) {
		System.out.println(line);
		System.out.flush();
	}

}
