package com.altscodex.benchmarks.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

	static List<Verdict> of(SuiteResults results) {
		List<Verdict> verdicts = new ArrayList<>();
		Optional<LoadRun> bare = run(results, Subject.BARE, TARGET_USERS);
		for (Subject subject : List.of(Subject.OBSERVED, Subject.PLAIN)) {
			run(results, subject, TARGET_USERS).ifPresent((run) -> {
				verdicts.add(atMost("App CPU per login at 64 users", subject.label, run.appCpuMsPerLogin(),
						CPU_MS_PER_LOGIN, "ms", 3, cpuWhy(results, run)));
				bare.ifPresent((ceiling) -> {
					double fraction = run.result().loginsPerSecond() / ceiling.result().loginsPerSecond();
					verdicts.add(atLeast("Logins/s at 64 users, share of the bare-WebClient ceiling", subject.label,
							fraction * 100, CEILING_FRACTION * 100, "%", 1, throughputWhy(run, ceiling)));
				});
				verdicts.add(atMost("p99 latency at 64 users", subject.label, run.result().latency().p99(), P99_MS,
						"ms", 1, latencyWhy(run, bare.orElse(null))));
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

	private static Optional<LoadRun> run(SuiteResults results, Subject subject, int users) {
		return results.load.stream()
			.filter((run) -> run.variant().equals(subject.key) && run.users() == users)
			.findFirst();
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

	private static String cpuWhy(SuiteResults results, LoadRun run) {
		StringBuilder why = new StringBuilder();
		why.append("Of the ").append(number(run.appCpuMsPerLogin(), 3)).append(" ms, the event loops (the request work) take ")
			.append(number(loopsMsPerLogin(run), 3)).append(" ms and the JIT compilers ")
			.append(number(groupMsPerLogin(run, "JIT compiler"), 3)).append(" ms; the app allocates ")
			.append(number(run.appAllocatedBytesPerLogin() / 1024, 1)).append(" KB per login. ");
		run(results, Subject.BARE, run.users()).ifPresent((bare) -> why.append("The bare WebClient needs ")
			.append(number(bare.appCpuMsPerLogin(), 3))
			.append(" ms (event loops ")
			.append(number(loopsMsPerLogin(bare), 3))
			.append(" ms, ")
			.append(number(bare.appAllocatedBytesPerLogin() / 1024, 1))
			.append(" KB allocated) for the same HTTP work on the same Spring WebFlux stack, so the bound is below "
					+ "what Spring WebFlux, Reactor Netty and the four loopback HTTP exchanges of a login cost on this "
					+ "machine; the starter adds ")
			.append(number(run.appCpuMsPerLogin() - bare.appCpuMsPerLogin(), 3))
			.append(" ms and ")
			.append(number((run.appAllocatedBytesPerLogin() - bare.appAllocatedBytesPerLogin()) / 1024, 1))
			.append(" KB. "));
		if (Subject.of(run.variant()) == Subject.OBSERVED) {
			run(results, Subject.PLAIN, run.users()).ifPresent((plain) -> why.append("Boot's metrics and observation add ")
				.append(number(run.appCpuMsPerLogin() - plain.appCpuMsPerLogin(), 3))
				.append(" ms and ")
				.append(number((run.appAllocatedBytesPerLogin() - plain.appAllocatedBytesPerLogin()) / 1024, 1))
				.append(" KB (observed minus plain). "));
		}
		why.append("The profile section shows where the samples and allocations fall.");
		return why.toString();
	}

	private static double loopsMsPerLogin(LoadRun run) {
		return groupMsPerLogin(run, "event loops");
	}

	private static double groupMsPerLogin(LoadRun run, String group) {
		return run.cpu().appSecondsByThreadGroup().getOrDefault(group, 0.0) * 1000
				/ Math.max(1, run.result().logins());
	}

	private static String throughputWhy(LoadRun run, LoadRun ceiling) {
		return "Throughput is bounded by CPU: the machine was " + percent(run.cpu().machineShare())
				+ " busy (app " + percent(run.cpu().appShare()) + ", simulator " + percent(run.cpu().simulatorShare())
				+ ", load generator " + percent(run.cpu().loadGeneratorShare()) + ", other "
				+ percent(run.cpu().otherShare()) + "), so logins/s follow the CPU per login of all three processes: app "
				+ number(run.appCpuMsPerLogin(), 3) + " ms against " + number(ceiling.appCpuMsPerLogin(), 3)
				+ " ms for the bare app.";
	}

	private static String latencyWhy(LoadRun run, @Nullable LoadRun bare) {
		double littlesLaw = run.users() * 1000.0 / Math.max(1, run.result().loginsPerSecond());
		return "In a closed loop of " + run.users() + " users the mean latency is users / throughput ("
				+ number(littlesLaw, 1) + " ms here): on saturated cores latency is queueing for CPU"
				+ ((bare != null) ? "; the bare app's p99 in the same run: " + number(bare.result().latency().p99(), 1)
						+ " ms" : "")
				+ ".";
	}

	private static String heapWhy(SuiteResults results, MemoryRun memory) {
		StringBuilder why = new StringBuilder("Largest live-heap growth per pending login: ");
		List<ClassDelta> top = memory.topClasses().subList(0, Math.min(5, memory.topClasses().size()));
		for (int i = 0; i < top.size(); i++) {
			why.append((i > 0) ? ", " : "").append(top.get(i).className()).append(" ")
				.append(number(top.get(i).bytesPerLogin(), 0)).append(" B");
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
