package com.altscodex.benchmarks.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

import com.altscodex.benchmarks.suite.SuiteResults.BurstRun;
import com.altscodex.benchmarks.suite.SuiteResults.ClassDelta;
import com.altscodex.benchmarks.suite.SuiteResults.LoadRun;
import com.altscodex.benchmarks.suite.SuiteResults.MemoryRun;
import com.altscodex.benchmarks.suite.SuiteResults.Verdict;

/**
 * The targets of issue 3, checked against one run's figures. Each miss carries the
 * figures of the same run that explain it: the bare app's cost for the same HTTP work,
 * the metrics' share (observed minus plain), the machine's saturation, the classes that
 * hold the heap.
 */
final class Verdicts {

	static final double CPU_MS_PER_LOGIN = 0.17;

	static final double CEILING_FRACTION = 0.90;

	static final double P99_MS = 40;

	static final double HEAP_PER_PENDING_LOGIN = 10 * 1024;

	static final double REGISTRY_ENTRY = 600;

	static final double PAT_FRACTION = 0.85;

	static final int TARGET_USERS = 64;

	static final String PAT_PENDING = "pending the PAT issue";

	private Verdicts() {
	}

	/**
	 * One app's figures at one concurrency: the medians over its rounds.
	 */
	record Figures(Subject subject, int users, int rounds, double loginsPerSecond, double p99, double cpuMs,
			double loopsMs, double jitMs, double allocatedBytes, double appShare, double simulatorShare,
			double loadGeneratorShare, double machineShare, double otherShare) {
	}

	static Optional<Figures> figures(SuiteResults results, Subject subject, int users) {
		List<LoadRun> runs = results.load.stream()
			.filter((run) -> run.variant().equals(subject.key) && run.users() == users)
			.toList();
		if (runs.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new Figures(subject, users, runs.size(),
				median(runs, (run) -> run.result().loginsPerSecond()), median(runs, (run) -> run.result().latency().p99()),
				median(runs, LoadRun::appCpuMsPerLogin), median(runs, (run) -> groupMsPerLogin(run, "event loops")),
				median(runs, (run) -> groupMsPerLogin(run, "JIT compiler")), median(runs, LoadRun::appAllocatedBytesPerLogin),
				median(runs, (run) -> run.cpu().appShare()), median(runs, (run) -> run.cpu().simulatorShare()),
				median(runs, (run) -> run.cpu().loadGeneratorShare()), median(runs, (run) -> run.cpu().machineShare()),
				median(runs, (run) -> run.cpu().otherShare())));
	}

	static double median(List<LoadRun> runs, ToDoubleFunction<LoadRun> figure) {
		double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	static List<Verdict> of(SuiteResults results) {
		List<Verdict> verdicts = new ArrayList<>();
		for (Subject subject : List.of(Subject.PLAIN, Subject.OBSERVED)) {
			Optional<Figures> ceiling = figures(results, subject.ceiling(), TARGET_USERS);
			figures(results, subject, TARGET_USERS).ifPresent((app) -> {
				String on = subject.label + rounds(app);
				verdicts.add(atMost("App CPU per login at 64 users", on, app.cpuMs(), CPU_MS_PER_LOGIN, "ms", 3,
						cpuWhy(results, app)));
				ceiling.ifPresent((bare) -> verdicts.add(atLeast("Logins/s at 64 users, share of the bare-WebClient "
						+ "ceiling" + ((subject.ceiling() == Subject.BARE) ? "" : " with the same observation"), on,
						app.loginsPerSecond() / bare.loginsPerSecond() * 100, CEILING_FRACTION * 100, "%", 1,
						throughputWhy(app, bare))));
				verdicts.add(atMost("p99 latency at 64 users", on, app.p99(), P99_MS, "ms", 1,
						latencyWhy(app, ceiling.orElse(null))));
			});
		}
		if (!results.load.isEmpty()) {
			long errors = results.load.stream()
				.filter((run) -> Subject.of(run.variant()).isStarter())
				.mapToLong((run) -> run.result().errors().total())
				.sum();
			verdicts.add(new Verdict("Errors in the load runs (there must be none)", "starter, all runs",
					Long.toString(errors), "0", errors == 0, (errors == 0) ? "none" : errors + " errors",
					(errors == 0) ? "" : "see the error columns of the load tables"));
		}
		for (MemoryRun memory : results.memory) {
			if (Subject.of(memory.variant()).isStarter()) {
				if (memory.error() != null && memory.pendingSeen() <= 0) {
					verdicts.add(new Verdict("Live heap per pending login, end to end", label(memory), "not measured",
							"≤ 10 KB", null, "", memory.error()));
				}
				else {
					verdicts.add(atMost("Live heap per pending login, end to end", label(memory),
							memory.bytesPerLogin(), HEAP_PER_PENDING_LOGIN, "bytes", 0, heapWhy(results, memory)));
				}
			}
		}
		if (results.registry != null) {
			double entry = (results.registry.bytesPerEntryJol() != null) ? results.registry.bytesPerEntryJol()
					: results.registry.bytesPerEntryHeap();
			verdicts.add(atMost("Registry entry alone", results.registry.entries() + " entries", entry, REGISTRY_ENTRY,
					"bytes", 0, ""));
		}
		for (BurstRun burst : results.burst) {
			if (Subject.of(burst.variant()).isStarter()) {
				long bad = burst.result().errors().total();
				boolean met = bad == 0 && burst.result().answeredOk() == burst.result().logins();
				verdicts.add(new Verdict(burst.result().logins() + " logins at once: none refused, none lost",
						Subject.of(burst.variant()).label,
						burst.result().answeredOk() + " OK, " + burst.result().errors().refused() + " refused, "
								+ burst.result().errors().transportErrors() + " transport errors, "
								+ burst.result().errors().lost() + " lost",
						"all OK", met, met ? "none failed" : bad + " failed",
						met ? "" : "refused by status: " + burst.result().errors().refusedByStatus()
								+ "; transport errors: " + burst.result().errors().transportErrorsByType()));
			}
		}
		verdicts.add(new Verdict("PAT-authenticated throughput, share of anonymous", "-", PAT_PENDING, "≥ 85 %", null,
				"", "the PAT feature does not exist yet; the suite has a marked place for it"));
		return verdicts;
	}

	static boolean loadTargetMissed(SuiteResults results) {
		return of(results).stream()
			.anyMatch((verdict) -> Boolean.FALSE.equals(verdict.met()) && (verdict.target().contains("at 64 users")));
	}

	private static String rounds(Figures figures) {
		return (figures.rounds() > 1) ? " (median of " + figures.rounds() + " rounds)" : "";
	}

	private static String label(MemoryRun memory) {
		return Subject.of(memory.variant()).label + ", " + String.format(Locale.ROOT, "%,d", memory.pendingSeen())
				+ " pending over " + memory.protocol();
	}

	private static Verdict atMost(String target, String subject, double value, double bound, String unit, int decimals,
			String why) {
		boolean met = value <= bound;
		return new Verdict(target, subject, number(value, decimals) + " " + unit, "≤ " + number(bound, decimals) + " " + unit,
				met, margin(value, bound, unit, decimals, met ? "under" : "over"), met ? "" : why);
	}

	private static Verdict atLeast(String target, String subject, double value, double bound, String unit,
			int decimals, String why) {
		boolean met = value >= bound;
		return new Verdict(target, subject, number(value, decimals) + " " + unit, "≥ " + number(bound, decimals) + " " + unit,
				met, margin(value, bound, unit, decimals, met ? "above" : "below"), met ? "" : why);
	}

	private static String margin(double value, double bound, String unit, int decimals, String direction) {
		double relative = (bound != 0) ? Math.abs(value - bound) / bound * 100 : 0;
		return number(Math.abs(value - bound), decimals) + " " + unit + " " + direction + " ("
				+ String.format(Locale.ROOT, "%.0f", relative) + " % of the bound)";
	}

	static String number(double value, int decimals) {
		return String.format(Locale.ROOT, "%,." + decimals + "f", value);
	}

	/**
	 * Busy time of the machine not charged to the three processes above which a run
	 * counts as disturbed.
	 */
	static final double DISTURBED = 0.05;

	private static String disturbance(Figures app) {
		return (app.otherShare() > DISTURBED) ? "This run was disturbed: other processes took "
				+ percent(app.otherShare()) + " of the machine's CPU during these windows (median). " : "";
	}

	private static String cpuWhy(SuiteResults results, Figures app) {
		StringBuilder why = new StringBuilder(disturbance(app));
		why.append("Of the ").append(number(app.cpuMs(), 3)).append(" ms, the event loops (the request work) take ")
			.append(number(app.loopsMs(), 3)).append(" ms and the JIT compilers ")
			.append(number(app.jitMs(), 3)).append(" ms; the app allocates ")
			.append(number(app.allocatedBytes() / 1024, 1)).append(" KB per login. ");
		figures(results, app.subject().ceiling(), app.users()).ifPresent((bare) -> why.append("The bare WebClient"
				+ ((bare.subject() == Subject.BARE) ? "" : " with the same observation") + " needs ")
			.append(number(bare.cpuMs(), 3))
			.append(" ms (event loops ")
			.append(number(bare.loopsMs(), 3))
			.append(" ms, ")
			.append(number(bare.allocatedBytes() / 1024, 1))
			.append(" KB allocated) for the same HTTP work on the same Spring WebFlux stack: the bound is ")
			.append((bare.cpuMs() > CPU_MS_PER_LOGIN) ? "below" : "close to")
			.append(" what Spring WebFlux, Reactor Netty and the four loopback HTTP exchanges of a login cost on "
					+ "this machine. The starter's difference to it: ")
			.append(signed(app.cpuMs() - bare.cpuMs(), 3))
			.append(" ms and ")
			.append(signed((app.allocatedBytes() - bare.allocatedBytes()) / 1024, 1))
			.append(" KB. "));
		if (app.subject().variant == com.altscodex.benchmarks.server.Variant.OBSERVED) {
			figures(results, Subject.PLAIN, app.users()).ifPresent((plain) -> why.append("Metrics and observation, Boot's and the starter's: ")
				.append(signed(app.cpuMs() - plain.cpuMs(), 3))
				.append(" ms and ")
				.append(signed((app.allocatedBytes() - plain.allocatedBytes()) / 1024, 1))
				.append(" KB (observed minus plain). "));
		}
		why.append("The profile section shows where the samples and allocations fall.");
		return why.toString();
	}

	private static double groupMsPerLogin(LoadRun run, String group) {
		return run.cpu().appSecondsByThreadGroup().getOrDefault(group, 0.0) * 1000
				/ Math.max(1, run.result().logins());
	}

	private static String throughputWhy(Figures app, Figures ceiling) {
		return disturbance(app) + "Throughput is bounded by CPU: the machine was " + percent(app.machineShare()) + " busy (app "
				+ percent(app.appShare()) + ", simulator " + percent(app.simulatorShare()) + ", load generator "
				+ percent(app.loadGeneratorShare()) + ", other " + percent(app.otherShare())
				+ "), so logins/s follow the CPU per login of all three processes: app " + number(app.cpuMs(), 3)
				+ " ms against " + number(ceiling.cpuMs(), 3) + " ms for " + ceiling.subject().label + ".";
	}

	private static String latencyWhy(Figures app, @Nullable Figures bare) {
		double littlesLaw = app.users() * 1000.0 / Math.max(1, app.loginsPerSecond());
		return disturbance(app) + "In a closed loop of " + app.users() + " users the mean latency is users / throughput ("
				+ number(littlesLaw, 1) + " ms here): on saturated cores latency is queueing for CPU"
				+ ((bare != null) ? "; the bare app's p99 in the same run: " + number(bare.p99(), 1) + " ms" : "") + ".";
	}

	private static String signed(double value, int decimals) {
		return ((value >= 0) ? "+" : "") + number(value, decimals);
	}

	private static String heapWhy(SuiteResults results, MemoryRun memory) {
		StringBuilder why = new StringBuilder("Largest live-heap growth per pending login: ");
		List<ClassDelta> top = memory.topClasses().subList(0, Math.min(5, memory.topClasses().size()));
		for (int i = 0; i < top.size(); i++) {
			why.append((i > 0) ? ", " : "").append('`').append(top.get(i).className()).append("` ")
				.append(number(top.get(i).bytesPerLogin(), 0)).append(" B");
		}
		MemoryRun client = results.clientAlone;
		if (client != null && client.bytesPerLogin() > 0) {
			why.append(". The starter's client alone (no inbound request) holds ").append(number(client.bytesPerLogin(), 0))
				.append(" bytes per pending login; the other ")
				.append(number(memory.bytesPerLogin() - client.bytesPerLogin(), 0))
				.append(" bytes are the inbound request over ").append(memory.protocol())
				.append(" (connection or stream, HTTP codec, WebFlux exchange, the app's handler)");
		}
		if (Subject.of(memory.variant()) == Subject.OBSERVED) {
			results.memory.stream()
				.filter((other) -> other.variant().equals(Subject.PLAIN.key) && other.protocol().equals(memory.protocol()))
				.findFirst()
				.ifPresent((plain) -> why.append(". Metrics and observation add ")
					.append(number(memory.bytesPerLogin() - plain.bytesPerLogin(), 0))
					.append(" bytes to the plain app's ")
					.append(number(plain.bytesPerLogin(), 0))
					.append(" over the same protocol: while a login waits two observations are open, Boot's "
							+ "http.server.requests of the inbound request and the starter's altscodex.login, and each "
							+ "is a Micrometer SimpleObservation with its Observation.Context, which keep key values, "
							+ "handler state (the Prometheus handler's Timer.Sample and LongTaskTimer.Sample) and "
							+ "scopes in ConcurrentHashMaps: the ConcurrentHashMap classes are where the two variants' "
							+ "histograms differ most"));
		}
		results.memory.stream()
			.filter((other) -> other.variant().equals(Subject.BARE.key) && other.protocol().equals(memory.protocol()))
			.findFirst()
			.ifPresent((bare) -> why.append(". The bare app holds ").append(number(bare.bytesPerLogin(), 0))
				.append(" bytes per pending login over the same protocol"));
		return why.append('.').toString();
	}

	static String percent(double share) {
		return String.format(Locale.ROOT, "%.0f %%", share * 100);
	}

}
