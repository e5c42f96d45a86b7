package com.altscodex.benchmarks.suite;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.altscodex.benchmarks.suite.SecurityResults.MachineLoad;
import com.altscodex.benchmarks.suite.SecurityResults.ProcessShare;
import com.altscodex.benchmarks.suite.SuiteResults.Environment;

/**
 * What the report says about the machine, the JVM and the library versions, and how busy
 * the machine is.
 */
final class EnvironmentProbe {

	private static final Map<String, String> ARTIFACTS = new LinkedHashMap<>();

	static {
		ARTIFACTS.put("Spring Boot", "spring-boot");
		ARTIFACTS.put("Spring Framework", "spring-core");
		ARTIFACTS.put("Reactor Core", "reactor-core");
		ARTIFACTS.put("Reactor Netty", "reactor-netty-http");
		ARTIFACTS.put("Netty", "netty-common");
		ARTIFACTS.put("Jackson", "jackson-databind");
		ARTIFACTS.put("Micrometer", "micrometer-core");
		ARTIFACTS.put("JMH", "jmh-core");
		ARTIFACTS.put("HdrHistogram", "HdrHistogram");
		ARTIFACTS.put("JOL", "jol-core");
	}

	private EnvironmentProbe() {
	}

	static Environment probe(SuiteSettings settings, CpuClock clock) {
		Map<String, List<String>> flags = new LinkedHashMap<>();
		flags.put("app and bare app under load", SuiteSettings.APP_FLAGS);
		flags.put("app and bare app holding pending logins", SuiteSettings.MEMORY_APP_FLAGS);
		flags.put("app in the flood", SuiteSettings.APP_FLAGS);
		flags.put("DeOAuth simulator", SuiteSettings.SIMULATOR_FLAGS);
		flags.put("load generator", SuiteSettings.LOAD_GENERATOR_FLAGS);
		flags.put("load generator holding logins", SuiteSettings.HOLDING_LOAD_GENERATOR_FLAGS);
		flags.put("registry footprint", SuiteSettings.REGISTRY_FLAGS);
		flags.put("JMH forks", SuiteSettings.JMH_FLAGS);
		return new Environment(cpuModel(), Runtime.getRuntime().availableProcessors(), memoryBytes(), osName(),
				read("/proc/sys/kernel/osrelease").strip(),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
						+ System.getProperty("java.vendor") + ")",
				System.getProperty("java.home"), openFilesLimit(), clock.ticksPerSecond(), versions(),
				gitCommit(settings.root()), flags);
	}

	/**
	 * How busy the machine is: its load averages, and the share of its cores busy over
	 * {@code sample}, with the processes that used the most of them.
	 */
	static MachineLoad load(CpuClock clock, Duration sample) {
		List<Double> loadAverage = loadAverage(read("/proc/loadavg"));
		Map<Long, Long> before = processTicks(clock);
		CpuClock.MachineTicks machineBefore = clock.machineTicks();
		long started = System.nanoTime();
		try {
			Thread.sleep(sample.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		CpuClock.MachineTicks machineAfter = clock.machineTicks();
		Map<Long, Long> after = processTicks(clock);
		int cores = Runtime.getRuntime().availableProcessors();
		double capacity = seconds * cores;
		List<ProcessShare> busiest = new ArrayList<>();
		after.forEach((pid, ticks) -> {
			long used = ticks - before.getOrDefault(pid, ticks);
			if (used > 0) {
				busiest.add(new ProcessShare(pid, processName(pid), clock.seconds(used) / capacity));
			}
		});
		busiest.sort(Comparator.comparingDouble(ProcessShare::share).reversed());
		double busy = clock.seconds(machineAfter.busy() - machineBefore.busy()) / capacity;
		return new MachineLoad(loadAverage, seconds, busy, List.copyOf(busiest.subList(0, Math.min(3, busiest.size()))));
	}

	/**
	 * The 1-, 5- and 15-minute load averages of {@code /proc/loadavg}, empty when
	 * unreadable.
	 */
	static List<Double> loadAverage(String loadavg) {
		String[] fields = loadavg.strip().split("\\s+");
		if (fields.length < 3) {
			return List.of();
		}
		try {
			return List.of(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2]));
		}
		catch (NumberFormatException ex) {
			return List.of();
		}
	}

	private static Map<Long, Long> processTicks(CpuClock clock) {
		Map<Long, Long> ticks = new HashMap<>();
		File[] processes = new File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
		if (processes != null) {
			for (File process : processes) {
				long pid = Long.parseLong(process.getName());
				long used = clock.processTicks(pid);
				if (used >= 0) {
					ticks.put(pid, used);
				}
			}
		}
		return ticks;
	}

	/**
	 * A process's command name; for a JVM, also what it runs (see {@link #mainOf(List)}).
	 */
	private static String processName(long pid) {
		String comm = read("/proc/" + pid + "/comm").strip();
		if (!comm.equals("java")) {
			return comm;
		}
		String main = mainOf(List.of(read("/proc/" + pid + "/cmdline").split("\0")));
		return (main != null) ? "java " + main : comm;
	}

	/**
	 * What a {@code java} command line runs: its main class (the last part of its name),
	 * or its {@code -jar} file; {@code null} when there is none.
	 */
	static @Nullable String mainOf(List<String> commandLine) {
		for (int i = 1; i < commandLine.size(); i++) {
			String arg = commandLine.get(i);
			if (arg.equals("-jar") && i + 1 < commandLine.size()) {
				return Path.of(commandLine.get(i + 1)).getFileName().toString();
			}
			if (arg.equals("-cp") || arg.equals("-classpath") || arg.equals("--class-path")
					|| arg.equals("--module-path") || arg.equals("-p")) {
				i++;
			}
			else if (!arg.startsWith("-") && !arg.isEmpty()) {
				return arg.substring(arg.lastIndexOf('.') + 1);
			}
		}
		return null;
	}

	private static String cpuModel() {
		for (String line : read("/proc/cpuinfo").split("\n")) {
			if (line.startsWith("model name")) {
				return line.substring(line.indexOf(':') + 1).strip();
			}
		}
		return "unknown";
	}

	private static long memoryBytes() {
		Matcher matcher = Pattern.compile("MemTotal:\\s+(\\d+) kB").matcher(read("/proc/meminfo"));
		return matcher.find() ? Long.parseLong(matcher.group(1)) * 1024 : 0;
	}

	private static String osName() {
		Matcher matcher = Pattern.compile("PRETTY_NAME=\"?([^\"\\n]*)").matcher(read("/etc/os-release"));
		return matcher.find() ? matcher.group(1) : System.getProperty("os.name");
	}

	private static long openFilesLimit() {
		Matcher matcher = Pattern.compile("Max open files\\s+(\\d+)").matcher(read("/proc/self/limits"));
		return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
	}

	private static Map<String, String> versions() {
		Map<String, String> versions = new LinkedHashMap<>();
		String[] classpath = System.getProperty("java.class.path").split(java.io.File.pathSeparator);
		ARTIFACTS.forEach((name, artifact) -> {
			Pattern jar = Pattern.compile(Pattern.quote(artifact) + "-(\\d[^/]*)\\.jar$");
			for (String entry : classpath) {
				Matcher matcher = jar.matcher(entry);
				if (matcher.find()) {
					versions.put(name, matcher.group(1));
					return;
				}
			}
		});
		return versions;
	}

	private static String gitCommit(Path root) {
		try {
			Process head = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "--short", "HEAD")
				.redirectErrorStream(true)
				.start();
			String commit = new String(head.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			Process status = new ProcessBuilder("git", "-C", root.toString(), "status", "--porcelain",
					"--untracked-files=no")
				.redirectErrorStream(true)
				.start();
			boolean dirty = !new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8).isBlank();
			return (head.waitFor() == 0 && status.waitFor() == 0) ? commit + (dirty ? " (with local changes)" : "")
					: "unknown";
		}
		catch (IOException ex) {
			return "unknown";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}

	private static String read(String file) {
		try {
			return Files.readString(Path.of(file), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

}
