package com.altscodex.benchmarks.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.altscodex.benchmarks.suite.SuiteResults.Environment;

/**
 * What the report says about the machine, the JVM and the library versions.
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
