package com.altscodex.benchmarks.suite;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time from {@code /proc}: of a process ({@code /proc/<pid>/stat}, utime + stime,
 * every thread of the JVM: event loops, JIT and GC alike) and of the whole machine
 * ({@code /proc/stat}), in clock ticks of {@code getconf CLK_TCK}.
 */
final class CpuClock {

	private final long ticksPerSecond;

	CpuClock(long ticksPerSecond) {
		this.ticksPerSecond = ticksPerSecond;
	}

	static CpuClock create() {
		long ticks = 100;
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
			if (getconf.waitFor() == 0 && !out.isEmpty()) {
				ticks = Long.parseLong(out);
			}
		}
		catch (IOException | NumberFormatException ex) {
			// keep the Linux default
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return new CpuClock(ticks);
	}

	long ticksPerSecond() {
		return this.ticksPerSecond;
	}

	double seconds(long ticks) {
		return (double) ticks / this.ticksPerSecond;
	}

	/**
	 * utime + stime of a process, or {@code -1} when it is gone.
	 */
	long processTicks(long pid) {
		try {
			return parseProcessStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * utime + stime of a process's threads, summed by {@link ThreadGroup}; threads that
	 * ended since the process started are not in {@code /proc} any more, so the groups
	 * sum to less than {@link #processTicks(long)} when threads come and go.
	 */
	Map<String, Long> threadGroupTicks(long pid) {
		Map<String, Long> ticks = new TreeMap<>();
		File[] tasks = new File("/proc/" + pid + "/task").listFiles();
		if (tasks == null) {
			return ticks;
		}
		for (File task : tasks) {
			try {
				String stat = Files.readString(task.toPath().resolve("stat"), StandardCharsets.US_ASCII);
				String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
				ticks.merge(ThreadGroup.of(name).label, parseProcessStat(stat), Long::sum);
			}
			catch (IOException | RuntimeException ex) {
				// the thread ended while we read
			}
		}
		return ticks;
	}

	/**
	 * What a JVM thread does, from its (15-character) name.
	 */
	enum ThreadGroup {

		EVENT_LOOPS("event loops"), JIT("JIT compiler"), GC("GC"), OTHER("other threads");

		final String label;

		ThreadGroup(String label) {
			this.label = label;
		}

		static ThreadGroup of(String name) {
			if (name.startsWith("reactor-http-") || name.startsWith("reactor-tcp-") || name.startsWith("deoauth-sim")) {
				return EVENT_LOOPS;
			}
			if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
				return JIT;
			}
			if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
				return GC;
			}
			return OTHER;
		}

	}

	/**
	 * Busy and total ticks of all CPUs.
	 */
	MachineTicks machineTicks() {
		try {
			List<String> lines = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII);
			return parseMachineStat(lines.get(0));
		}
		catch (IOException ex) {
			return new MachineTicks(0, 0);
		}
	}

	static long parseProcessStat(String stat) {
		// the command name (field 2) may hold spaces and parentheses: fields follow the last ')'
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// fields[0] is field 3 (state); utime is field 14, stime field 15
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	static MachineTicks parseMachineStat(String cpuLine) {
		String[] fields = cpuLine.trim().split("\\s+");
		long user = Long.parseLong(fields[1]);
		long nice = Long.parseLong(fields[2]);
		long system = Long.parseLong(fields[3]);
		long idle = Long.parseLong(fields[4]);
		long iowait = Long.parseLong(fields[5]);
		long irq = Long.parseLong(fields[6]);
		long softirq = Long.parseLong(fields[7]);
		long steal = (fields.length > 8) ? Long.parseLong(fields[8]) : 0;
		long busy = user + nice + system + irq + softirq + steal;
		return new MachineTicks(busy, busy + idle + iowait);
	}

	record MachineTicks(long busy, long total) {
	}

}
