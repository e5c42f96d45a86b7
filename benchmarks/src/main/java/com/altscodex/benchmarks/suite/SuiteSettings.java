package com.altscodex.benchmarks.suite;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What to run and for how long. {@code --quick} shortens everything for a smoke run of a
 * few minutes; each figure can be set on its own.
 */
record SuiteSettings(boolean quick, Set<Stage> stages, boolean profile, boolean noProfile, List<Integer> users,
		int targetRounds, double warmupSeconds, double measureSeconds, int memoryLoginsH1, int memoryLoginsH2c, int burstLogins,
		int registryEntries, int jmhWarmupIterations, int jmhIterations, int jwtUsers, Path root, Path reportFile,
		Path jsonFile, Path workDir, String command, String note, boolean nativeTransport, boolean render) {

	/** The JVM flags of the app under test and of the bare app under load (identical). */
	static final List<String> APP_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:+UnlockDiagnosticVMOptions",
			"-XX:+DebugNonSafepoints");

	/** The JVM flags of the app and the bare app holding pending logins (identical). */
	static final List<String> MEMORY_APP_FLAGS = List.of("-Xms1g", "-Xmx6g", "-XX:+UseG1GC");

	static final List<String> SIMULATOR_FLAGS = List.of("-Xms512m", "-Xmx2g", "-XX:+UseG1GC");

	static final List<String> LOAD_GENERATOR_FLAGS = List.of("-Xms512m", "-Xmx2g", "-XX:+UseG1GC");

	static final List<String> HOLDING_LOAD_GENERATOR_FLAGS = List.of("-Xmx6g", "-XX:+UseG1GC");

	static final List<String> REGISTRY_FLAGS = List.of("-Xms1g", "-Xmx2g", "-XX:+UseG1GC");

	static final List<String> JMH_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

	/**
	 * A part of the suite ({@code --only load,memory,burst,jmh}).
	 */
	enum Stage {

		LOAD, BURST, MEMORY, JMH

	}

	static SuiteSettings from(Args args) {
		boolean quick = args.flag("quick");
		Set<Stage> stages = EnumSet.allOf(Stage.class);
		String only = args.get("only");
		if (only != null) {
			stages = EnumSet.noneOf(Stage.class);
			for (String stage : only.split(",")) {
				stages.add(Stage.valueOf(stage.strip().toUpperCase(Locale.ROOT)));
			}
		}
		Path root = Path.of(args.get("root", ".")).toAbsolutePath().normalize();
		List<Integer> users = Arrays.stream(args.get("users", "1,16,64,256").split(","))
			.map(String::strip)
			.map(Integer::valueOf)
			.toList();
		return new SuiteSettings(quick, stages, args.flag("profile"), args.flag("no-profile"), users,
				args.intValue("rounds", quick ? 1 : 3), args.doubleValue("warmup", quick ? 3 : 10), args.doubleValue("measure", quick ? 5 : 20),
				args.intValue("memory-logins-h1", quick ? 2_000 : 10_000),
				args.intValue("memory-logins-h2c", quick ? 10_000 : 100_000), args.intValue("burst", 2_000),
				args.intValue("registry-entries", 100_000), args.intValue("jmh-warmups", quick ? 1 : 3),
				args.intValue("jmh-iterations", quick ? 2 : 5), args.intValue("jwt-users", 2_000), root,
				root.resolve(args.get("report", "docs/performance.md")),
				root.resolve(args.get("json", "benchmarks/results/latest.json")),
				root.resolve(args.get("work-dir", "benchmarks/target/bench")),
				System.getProperty("bench.command", "benchmarks/run " + String.join(" ", args.raw())),
				args.get("note", ""), nativeTransport(args.get("transport", "native")), args.flag("render"));
	}

	private static boolean nativeTransport(String transport) {
		return switch (transport) {
			case "native" -> true;
			case "nio" -> false;
			default -> throw new IllegalArgumentException("--transport is native or nio, not " + transport);
		};
	}

	/**
	 * The JVM flags every child process gets on top of its own: with {@code --transport
	 * nio}, Reactor Netty is told to leave the native transport on the classpath alone.
	 */
	List<String> transportFlags() {
		return this.nativeTransport ? List.of() : List.of("-Dreactor.netty.native=false");
	}

	boolean runs(Stage stage) {
		return this.stages.contains(stage);
	}

	Map<String, Object> describe() {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("users", this.users);
		settings.put("roundsAt64Users", this.targetRounds);
		settings.put("warmupSeconds", this.warmupSeconds);
		settings.put("measureSeconds", this.measureSeconds);
		settings.put("memoryLoginsHttp11", this.memoryLoginsH1);
		settings.put("memoryLoginsH2c", this.memoryLoginsH2c);
		settings.put("burstLogins", this.burstLogins);
		settings.put("registryEntries", this.registryEntries);
		settings.put("jmhWarmupIterations", this.jmhWarmupIterations);
		settings.put("jmhIterations", this.jmhIterations);
		settings.put("jwtUsers", this.jwtUsers);
		settings.put("transport", this.nativeTransport ? "native (epoll)" : "nio");
		return settings;
	}

}
