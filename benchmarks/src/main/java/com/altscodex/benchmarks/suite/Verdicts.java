package com.altscodex.benchmarks.suite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

import com.altscodex.benchmarks.load.Results;
import com.altscodex.benchmarks.server.Variant;
import com.altscodex.benchmarks.suite.SuiteResults.BurstRun;
import com.altscodex.benchmarks.suite.SuiteResults.ClassDelta;
import com.altscodex.benchmarks.suite.SuiteResults.CpuUse;
import com.altscodex.benchmarks.suite.SuiteResults.FloodRun;
import com.altscodex.benchmarks.suite.SuiteResults.LoadRun;
import com.altscodex.benchmarks.suite.SuiteResults.MemoryRun;
import com.altscodex.benchmarks.suite.SuiteResults.ProfileRun;
import com.altscodex.benchmarks.suite.SuiteResults.Share;
import com.altscodex.benchmarks.suite.SuiteResults.Verdict;
import com.altscodex.spring.client.FailureKind;

/**
 * The targets, checked against one run's figures. Each miss carries what the figures of
 * the same run say about it (the bare app's cost for the same HTTP work, the metrics'
 * share, the machine's use, the classes that hold the heap): every number and comparison
 * in an explanation is computed from the results, none is written in advance.
 */
final class Verdicts {

	static final double CPU_MS_PER_LOGIN = 0.17;

	static final double CEILING_FRACTION = 0.90;

	static final double P99_MS = 40;

	static final double HEAP_PER_PENDING_LOGIN = 10 * 1024;

	static final double REGISTRY_ENTRY = 600;

	static final double PAT_FRACTION = 0.85;

	static final int TARGET_USERS = 64;

	/** Latency bound of the answers that refuse a login beyond the pending-login bound. */
	static final double FLOOD_REFUSAL_P99_MS = 100;

	/** The {@code Retry-After} a refused login must carry. */
	static final String FLOOD_RETRY_AFTER = "1";

	/**
	 * How much more live heap per pending login the flood with the bound may hold than
	 * the same flood without it.
	 */
	static final double FLOOD_HEAP_TOLERANCE = 0.10;

	/** The kind of answer that refuses a login beyond the bound (see the load generator's kinds). */
	static final String BUSY_KIND = "503 " + FailureKind.TOO_MANY_PENDING_LOGINS.type();

	static final String PROBLEM_JSON = "application/problem+json";

	/**
	 * The share of the same app's anonymous throughput on a trivial endpoint that requests
	 * with a personal access token on the guarded one must reach.
	 */
	static final String PAT_TARGET = "PAT-authenticated throughput, share of anonymous";

	/**
	 * The share of the throughput of signed-in sessions without roles that the same
	 * sessions with roles must reach.
	 */
	static final double RBAC_FRACTION = 0.90;

	static final String RBAC_TARGET = "Signed-in sessions with RBAC: throughput share of the same sessions "
			+ "without RBAC";

	/**
	 * The share of Spring Security's own session chain's throughput that requests of
	 * signed-in sessions through the starter's chain must reach.
	 */
	static final double SESSION_FRACTION = 0.95;

	/** The p99 bound of the users who sign in from another address during the IP flood. */
	static final double IP_FLOOD_USERS_P99_MS = 1000;

	/**
	 * The p99 bound of the IP flood's refusals, from the request written: "at once", read
	 * as no longer than the users signing in meanwhile may take, since the flood's
	 * requests all arrive together and queue for the same cores.
	 */
	static final double IP_FLOOD_REFUSAL_P99_MS = 1000;

	/** The kind of answer that refuses a sign-in attempt beyond the limit per address. */
	static final String RATE_LIMITED_KIND = "429 " + FailureKind.SIGN_IN_RATE_LIMITED.type();

	/** How much higher the p50 of full logins on Redis may be than in memory, on several instances. */
	static final double CLUSTER_P50_MS = 2;

	/** The share of the memory mode's login throughput that logins on Redis must reach. */
	static final double CLUSTER_FRACTION = 0.70;

	static final String CLUSTER_P50_TARGET = "Full logins on Redis, callbacks on another instance: p50 above memory "
			+ "mode";

	static final String CLUSTER_THROUGHPUT_TARGET = "Full logins on Redis, callbacks on another instance: "
			+ "throughput share of memory mode";

	static final String CLUSTER_SESSIONS_TARGET = "Signed-in sessions on Redis: throughput share of in-memory "
			+ "sessions";

	/** The bound of a figure the report gives without a target. */
	static final String NO_TARGET = "no target: reported";

	/**
	 * Busy time of the machine not charged to the three processes above which a run
	 * counts as disturbed.
	 */
	static final double DISTURBED = 0.05;

	/** Share of the machine's CPU from which the report calls the cores saturated. */
	static final double SATURATED = 0.90;

	private static final int TOP = 5;

	private Verdicts() {
	}

	/**
	 * One app's figures at one concurrency: the medians over its rounds.
	 *
	 * @param totalCpuMs CPU milliseconds per login of the app, the simulator and the load
	 * generator together
	 */
	record Figures(Subject subject, int users, int rounds, double loginsPerSecond, double p50, double p99,
			double cpuMs, double loopsMs, double jitMs, double gcMs, double otherThreadsMs, double allocatedBytes,
			double totalCpuMs, double appShare, double simulatorShare, double loadGeneratorShare, double machineShare,
			double otherShare) {
	}

	static Optional<Figures> figures(SuiteResults results, Subject subject, int users) {
		return figures(results.load, subject, users);
	}

	/**
	 * One app's medians at one concurrency over the given runs (the load stage's, or one
	 * comparison of the security stage's).
	 */
	static Optional<Figures> figures(List<LoadRun> all, Subject subject, int users) {
		List<LoadRun> runs = all.stream()
			.filter((run) -> run.variant().equals(subject.key) && run.users() == users)
			.toList();
		if (runs.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new Figures(subject, users, runs.size(),
				median(runs, (run) -> run.result().loginsPerSecond()), median(runs, (run) -> run.result().latency().p50()),
				median(runs, (run) -> run.result().latency().p99()), median(runs, LoadRun::appCpuMsPerLogin),
				median(runs, (run) -> groupMsPerLogin(run, "event loops")),
				median(runs, (run) -> groupMsPerLogin(run, "JIT compiler")), median(runs, (run) -> groupMsPerLogin(run, "GC")),
				median(runs, (run) -> groupMsPerLogin(run, "other threads")), median(runs, LoadRun::appAllocatedBytesPerLogin),
				median(runs, Verdicts::totalCpuMsPerLogin), median(runs, (run) -> run.cpu().appShare()),
				median(runs, (run) -> run.cpu().simulatorShare()), median(runs, (run) -> run.cpu().loadGeneratorShare()),
				median(runs, (run) -> run.cpu().machineShare()), median(runs, (run) -> run.cpu().otherShare())));
	}

	static double median(List<LoadRun> runs, ToDoubleFunction<LoadRun> figure) {
		double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	private static double totalCpuMsPerLogin(LoadRun run) {
		return (run.cpu().appSeconds() + run.cpu().simulatorSeconds() + run.cpu().loadGeneratorSeconds()) * 1000
				/ Math.max(1, run.result().logins());
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
						latencyWhy(results, app, ceiling.orElse(null))));
			});
		}
		if (!results.load.isEmpty()) {
			List<LoadRun> starterRuns = results.load.stream()
				.filter((run) -> Subject.of(run.variant()).isStarter())
				.toList();
			long errors = starterRuns.stream().mapToLong((run) -> run.result().errors().total()).sum();
			verdicts.add(new Verdict("Errors in the load runs (there must be none)", "starter, all runs",
					Long.toString(errors), "0", errors == 0, (errors == 0) ? "none" : errors + " errors",
					(errors == 0) ? "" : errorsWhy(starterRuns)));
		}
		for (MemoryRun memory : results.memory) {
			if (Subject.of(memory.variant()).isStarter()) {
				if (memory.error() != null && memory.pendingSeen() <= 0) {
					verdicts.add(new Verdict("Live heap per pending login, end to end", label(memory), "not measured",
							"≤ " + number(HEAP_PER_PENDING_LOGIN, 0) + " bytes", null, "", memory.error()));
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
					"bytes", 0, "By class, per entry: " + classes(results.registry.breakdown(), TOP) + "."));
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
		flood(results, verdicts);
		if (results.security != null) {
			security(results.security, verdicts);
		}
		authz(results.authz, verdicts);
		cluster(results.cluster, verdicts);
		return verdicts;
	}

	static boolean loadTargetMissed(SuiteResults results) {
		return of(results).stream()
			.anyMatch((verdict) -> Boolean.FALSE.equals(verdict.met()) && (verdict.target().contains("at 64 users")));
	}

	// the flood

	private static void flood(SuiteResults results, List<Verdict> verdicts) {
		boolean floodRan = !results.flood.isEmpty()
				|| (results.run != null && results.run.stages().contains(SuiteSettings.Stage.FLOOD.name()));
		if (!floodRan) {
			return;
		}
		for (Subject subject : List.of(Subject.PLAIN, Subject.OBSERVED)) {
			FloodRun bounded = floodRun(results, subject, true);
			if (bounded == null) {
				verdicts.add(new Verdict("Flood: logins beyond the pending-login bound refused at once", subject.label,
						"not measured", "", null, "", "the flood did not complete for this app (see the problems)"));
				continue;
			}
			FloodRun baseline = floodRun(results, subject, false);
			String on = floodSubject(bounded);
			verdicts.add(floodRefusals(bounded, on));
			verdicts.add(floodRefusalLatency(bounded, baseline, on));
			verdicts.add(floodAuthorize(bounded, on));
			verdicts.add(floodEnd(bounded, on));
			verdicts.add(floodHeap(bounded, baseline, on));
		}
	}

	static @Nullable FloodRun floodRun(SuiteResults results, Subject subject, boolean bounded) {
		return results.flood.stream()
			.filter((run) -> run.variant().equals(subject.key) && run.bounded() == bounded)
			.findFirst()
			.orElse(null);
	}

	static String floodSubject(FloodRun run) {
		return Subject.of(run.variant()).label + ", " + number(run.logins(), 0) + " logins, max "
				+ number(run.maxPendingLogins(), 0) + " pending";
	}

	static long busyCount(FloodRun run) {
		Results.AnswerKind busy = run.result().answer(BUSY_KIND);
		return (busy != null) ? busy.count() : 0;
	}

	static Verdict floodRefusals(FloodRun run, String on) {
		Results.AnswerKind busy = run.result().answer(BUSY_KIND);
		long refused = (busy != null) ? busy.count() : 0;
		long retryAfter = (busy != null) ? busy.retryAfter().getOrDefault(FLOOD_RETRY_AFTER, 0L) : 0;
		long problemJson = (busy != null) ? count(busy.contentType(), PROBLEM_JSON) : 0;
		int expected = run.beyondBound();
		boolean met = refused == expected && retryAfter == refused && problemJson == refused;
		String measured = number(refused, 0) + " × " + BUSY_KIND + " (Retry-After " + FLOOD_RETRY_AFTER + ": "
				+ number(retryAfter, 0) + ", " + PROBLEM_JSON + ": " + number(problemJson, 0) + ")";
		String margin = (refused == expected) ? ((met) ? "exact" : "exact count, headers differ")
				: signed(refused - expected, 0) + " answers";
		String why = "";
		if (!met) {
			StringBuilder text = new StringBuilder("Answers by kind: ").append(answers(run.result()));
			if (busy != null) {
				text.append("; Retry-After of the ")
					.append(BUSY_KIND)
					.append(" answers: ")
					.append(busy.retryAfter())
					.append("; their Content-Type: ")
					.append(busy.contentType());
			}
			text.append(". The app's registry counted ")
				.append(number(run.refusedByApp(), 0))
				.append(" refusals")
				.append((run.refusedMeter() != null) ? ", its meter " + number(run.refusedMeter(), 0) : "")
				.append(", and held ")
				.append(number(run.pendingAtPeak(), 0))
				.append(" logins at the peak.");
			why = text.toString();
		}
		return new Verdict("Flood: logins beyond the bound answered " + BUSY_KIND + " with Retry-After", on, measured,
				"= " + number(expected, 0) + ", each with Retry-After: " + FLOOD_RETRY_AFTER + " and " + PROBLEM_JSON, met,
				margin, why);
	}

	/**
	 * The latency target of the refusals, judged from each login's request written on the
	 * wire to its answer: what the app and the connection add, without the load
	 * generator's own queue of connections to open. Results written before that was
	 * measured are judged from the login sent, and say so.
	 */
	static Verdict floodRefusalLatency(FloodRun run, @Nullable FloodRun baseline, String on) {
		Results.AnswerKind busy = run.result().answer(BUSY_KIND);
		Results.Latency written = (busy != null) ? busy.latencyFromWritten() : null;
		boolean fromWritten = busy == null || written != null;
		String target = "Flood: p99 latency of the " + BUSY_KIND + " answers, from the "
				+ (fromWritten ? "request written" : "login sent") + " to the answer";
		String required = "≤ " + number(FLOOD_REFUSAL_P99_MS, 0) + " ms";
		if (busy == null || busy.count() == 0) {
			return new Verdict(target, on, "not measured", required, null, "",
					"no login was answered " + BUSY_KIND + ": answers by kind: " + answers(run.result()));
		}
		if (written != null && written.count() == 0) {
			return new Verdict(target, on, "not measured", required, null, "",
					"the load generator saw none of the " + number(busy.count(), 0) + " requests written");
		}
		Results.Latency latency = (written != null) ? written : busy.latency();
		boolean met = latency.p99() <= FLOOD_REFUSAL_P99_MS;
		String measured = number(latency.p99(), 1) + " ms (p50 " + number(latency.p50(), 1) + ", max "
				+ number(latency.max(), 1) + ")";
		String why = met ? "" : refusalLatencyWhy(run, baseline, busy);
		return new Verdict(target, on, measured, required, met,
				margin(latency.p99(), FLOOD_REFUSAL_P99_MS, "ms", 1, met ? "under" : "over"), why);
	}

	/**
	 * Where the time of slow refusals went, by the three clocks of the run: from the login
	 * sent, from its request written, and inside the app.
	 */
	static String refusalLatencyWhy(FloodRun run, @Nullable FloodRun baseline, Results.AnswerKind busy) {
		Results.Latency sent = busy.latency();
		Results.Latency written = busy.latencyFromWritten();
		Results.Latency server = run.refusalServerLatency();
		Integer firstWave = run.result().firstWave();
		StringBuilder text = new StringBuilder("The ").append(number(busy.count(), 0));
		boolean preOpened = run.result().connectionsOpenedBefore() != null;
		if (firstWave == null) {
			text.append(" refusals came while the app took ")
				.append(number(run.logins(), 0))
				.append(preOpened ? " logins sent at once and sent " : " connections opened at once and sent ")
				.append(number(run.authorizeAtPeak(), 0))
				.append(" authorize requests. ");
		}
		else {
			text.append(" refusals came in a wave of ")
				.append(number(run.logins() - firstWave, 0))
				.append(preOpened ? " logins sent at once on connections opened before"
						: " connections opened at once")
				.append(run.result().beyondOnSockets() ? " (plain sockets)" : "")
				.append(", after the app had registered the first ")
				.append(number(firstWave, 0))
				.append(" logins and DeOAuth held ")
				.append(number(run.authorizeAtPeak(), 0))
				.append(" authorize requests. ");
		}
		if (written != null) {
			text.append("From the request written to the answer they took ")
				.append(percentiles(written))
				.append(run.result().beyondOnSockets() ? "; from the wave's start, "
						: preOpened ? "; from the login sent, before the load generator took its connection, "
								: "; from the login sent, before the load generator opened its connection, ")
				.append(percentiles(sent))
				.append(run.result().beyondOnSockets() ? ": the p99 from the wave's start is "
						: ": the p99 from the login sent is ")
				.append(number(sent.p99() - written.p99(), 1))
				.append(run.result().beyondOnSockets() ? " ms higher, the time taken to write the requests before each."
						: preOpened ? " ms higher, the load generator's own queue of logins to send."
								: " ms higher, the load generator's own wait for its connections.");
		}
		else {
			text.append("From the login sent to the answer they took ")
				.append(percentiles(sent))
				.append(" (this run did not record when each request was written).");
		}
		if (server != null && server.count() > 0) {
			text.append(" Inside the app, from the bench filter's entry to the commit of the answer, the ")
				.append(number(server.count(), 0))
				.append(" answers 503 took ")
				.append(percentiles(server));
			Results.Latency outer = (written != null) ? written : sent;
			text.append(": the p99 from the ")
				.append((written != null) ? "request written" : "login sent")
				.append(" is ")
				.append(number(outer.p99() - server.p99(), 1))
				.append(" ms higher, time outside the app's filters (waiting to be accepted, for the app's event "
						+ "loops to read the request, for the answer to be written and read by the load generator).");
		}
		if (run.refusalServerMs() != null) {
			text.append(" The app's own timer (http.server.requests, status 503) measured ")
				.append(number(run.refusalServerMs(), 1))
				.append(" ms on average from taking up such a request to answering it.");
		}
		CpuUse front = run.front();
		if (front != null) {
			text.append(" From the first login to the peak (")
				.append(number(front.windowSeconds(), 1))
				.append(" s) the machine was ")
				.append(percent(front.machineShare()))
				.append(" busy (app ")
				.append(percent(front.appShare()))
				.append(", simulator ")
				.append(percent(front.simulatorShare()))
				.append(", load generator ")
				.append(percent(front.loadGeneratorShare()))
				.append(", other ")
				.append(percent(front.otherShare()))
				.append(")");
			Double loops = front.appSecondsByThreadGroup().get("event loops");
			Double jit = front.appSecondsByThreadGroup().get("JIT compiler");
			if (loops != null && jit != null) {
				text.append("; the app's event loops used ")
					.append(number(loops, 2))
					.append(" s of CPU and its JIT compilers ")
					.append(number(jit, 2))
					.append(" s");
			}
			text.append('.');
		}
		Results.AnswerKind held = heldAnswer(baseline);
		if (held != null) {
			text.append(" Without the bound, in the same run, every login waited for DeOAuth: p50 ")
				.append(number(held.latency().p50() / 1000, 1))
				.append(" s.");
		}
		return text.toString();
	}

	/**
	 * E.g. {@code p50 20.0 / p99 40.0 / max 60.0 ms}.
	 */
	static String percentiles(Results.Latency latency) {
		return "p50 " + number(latency.p50(), 1) + " / p99 " + number(latency.p99(), 1) + " / max "
				+ number(latency.max(), 1) + " ms";
	}

	static Verdict floodAuthorize(FloodRun run, String on) {
		int admitted = run.admitted();
		boolean met = run.authorizeReceived() == admitted;
		String measured = number(run.authorizeReceived(), 0) + " (" + number(run.authorizeAtPeak(), 0) + " at the peak)";
		String why = met ? ""
				: "The simulator received " + number(run.authorizeAtPeak(), 0) + " authorize requests by the peak and "
						+ number(run.authorizeReceived(), 0) + " in all; the app held " + number(run.pendingAtPeak(), 0)
						+ " logins at the peak and its registry refused " + number(run.refusedByApp(), 0) + ".";
		return new Verdict("Flood: authorize requests that reached DeOAuth (none for a refused login)", on, measured,
				"= " + number(admitted, 0), met,
				met ? "exact" : signed(run.authorizeReceived() - admitted, 0) + " requests", why);
	}

	static Verdict floodEnd(FloodRun run, String on) {
		long busy = busyCount(run);
		long answered = run.result().answers().stream().mapToLong(Results.AnswerKind::count).sum();
		long held = answered - busy - run.result().unanswered();
		Results.AnswerKind wrongUser = run.result().answer("wrong user");
		boolean met = run.pendingAfter() == 0 && run.result().unanswered() == 0 && wrongUser == null
				&& held == run.admitted();
		String measured = number(held, 0) + " held logins answered (" + answers(run.result(), BUSY_KIND) + "), "
				+ run.pendingAfter() + " pending after";
		String why = met ? ""
				: "Answers by kind: " + answers(run.result()) + "; " + number(run.result().unanswered(), 0)
						+ " logins got no answer; the app reported " + run.pendingAfter()
						+ " logins pending once the flood had ended.";
		return new Verdict("Flood: the held logins finish or time out, none left pending", on, measured,
				number(run.admitted(), 0) + " answered (ok or timed out), 0 pending", met,
				met ? "none left"
						: signed(held - run.admitted(), 0) + " answered after the hold, " + run.pendingAfter() + " pending",
				why);
	}

	static Verdict floodHeap(FloodRun run, @Nullable FloodRun baseline, String on) {
		String target = "Flood: live heap per pending login at the peak, against the flood without the bound";
		if (baseline == null || baseline.pendingAtPeak() <= 0 || run.pendingAtPeak() <= 0) {
			return new Verdict(target, on, (run.pendingAtPeak() > 0) ? number(run.bytesPerPendingLogin(), 0) + " bytes"
					: "not measured", "", null, "", "no baseline: the flood without the bound did not complete");
		}
		double bound = baseline.bytesPerPendingLogin() * (1 + FLOOD_HEAP_TOLERANCE);
		double value = run.bytesPerPendingLogin();
		boolean met = value <= bound;
		String measured = number(value, 0) + " bytes (" + mib(run.heapGrowth()) + " for " + number(run.pendingAtPeak(), 0)
				+ " pending)";
		String required = "≤ " + number(bound, 0) + " bytes (" + number(baseline.bytesPerPendingLogin(), 0)
				+ " without the bound, for " + number(baseline.pendingAtPeak(), 0) + " pending, + "
				+ number(FLOOD_HEAP_TOLERANCE * 100, 0) + " %)";
		String why = "";
		if (!met) {
			why = "Classes that grow more per pending login with the bound than without it: "
					+ classes(difference(run.topClasses(), baseline.topClasses()), TOP)
					+ " (among the classes each histogram lists). Heap before, at the peak and after: "
					+ mib(run.heapBefore()) + ", " + mib(run.heapAtPeak()) + ", " + mib(run.heapAfter()) + ".";
		}
		return new Verdict(target, on, measured, required, met, margin(value, bound, "bytes", 0, met ? "under" : "over"),
				why);
	}

	/**
	 * The answers of a flood's held logins: those of the run without the bound, where
	 * every login is held, the most frequent kind first.
	 */
	static Results.@Nullable AnswerKind heldAnswer(@Nullable FloodRun baseline) {
		if (baseline == null) {
			return null;
		}
		return baseline.result().answers().stream().filter((answer) -> answer.status() > 0).findFirst().orElse(null);
	}

	static String answers(Results.Flood flood) {
		return answers(flood, null);
	}

	/**
	 * The kinds of answers with their counts, e.g. {@code 1,000 ok, 500 503 sign-in-busy}.
	 */
	static String answers(Results.Flood flood, @Nullable String except) {
		return answers(flood.answers(), except);
	}

	static String answers(List<Results.AnswerKind> answers) {
		return answers(answers, null);
	}

	static String answers(List<Results.AnswerKind> answers, @Nullable String except) {
		StringBuilder text = new StringBuilder();
		for (Results.AnswerKind answer : answers) {
			if (!answer.kind().equals(except)) {
				text.append((text.length() > 0) ? ", " : "").append(number(answer.count(), 0)).append(' ')
					.append(answer.kind());
			}
		}
		return (text.length() > 0) ? text.toString() : "none";
	}

	private static long count(Map<String, Long> values, String prefix) {
		return values.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(prefix))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

	// the security stage

	private static void security(SecurityResults security, List<Verdict> verdicts) {
		int users = securityUsers(security);
		Optional<Figures> secured = figures(security.logins, Subject.SECURED, users);
		Optional<Figures> plain = figures(security.logins, Subject.PLAIN, users);
		if (secured.isPresent() && plain.isPresent()) {
			verdicts.add(securedLogin(secured.get(), plain.get()));
		}
		else {
			verdicts.add(new Verdict(SECURED_LOGIN_TARGET, "-", "not measured", NO_TARGET, null, "",
					"the closed loops of logins did not complete (see the problems)"));
		}
		Optional<Figures> starterChain = figures(security.sessions, Subject.SECURED, users);
		Optional<Figures> ownChain = figures(security.sessions, Subject.FORM_LOGIN, users);
		if (starterChain.isPresent() && ownChain.isPresent()) {
			verdicts.add(sessions(starterChain.get(), ownChain.get(), security.profiles));
		}
		else {
			verdicts.add(new Verdict(SESSIONS_TARGET, "-", "not measured",
					"≥ " + number(SESSION_FRACTION * 100, 0) + " %", null, "",
					"the closed loops of signed-in sessions did not complete (see the problems)"));
		}
		SecurityResults.IpFloodRun flood = security.ipFlood;
		if (flood == null) {
			verdicts.add(new Verdict("IP flood: logins beyond the limit per address refused at once", "-",
					"not measured", "", null, "", "the flood did not complete (see the problems)"));
			return;
		}
		String on = ipFloodSubject(flood);
		verdicts.add(ipFloodRefusals(flood, on));
		verdicts.add(ipFloodRefusalLatency(flood, on));
		verdicts.add(ipFloodAuthorize(flood, on));
		verdicts.add(ipFloodUsers(flood, on));
	}

	static final String SECURED_LOGIN_TARGET = "Full JWT logins through the starter's default chain: throughput "
			+ "share of the plain app's login, and p99 of both";

	static final String SESSIONS_TARGET = "Requests of signed-in sessions through the starter's default chain, "
			+ "share of Spring Security's own session chain's throughput";

	/**
	 * The concurrency of the security stage's closed loops, from its runs.
	 */
	static int securityUsers(SecurityResults security) {
		return !security.logins.isEmpty() ? security.logins.get(0).users()
				: !security.sessions.isEmpty() ? security.sessions.get(0).users() : TARGET_USERS;
	}

	static Verdict securedLogin(Figures secured, Figures plain) {
		double share = secured.loginsPerSecond() / plain.loginsPerSecond();
		String measured = number(share * 100, 1) + " % (" + number(secured.loginsPerSecond(), 0) + " against "
				+ number(plain.loginsPerSecond(), 0) + " logins/s); p99 " + number(secured.p99(), 1) + " ms against "
				+ number(plain.p99(), 1) + " ms";
		return new Verdict(SECURED_LOGIN_TARGET, "starter's default chain vs starter, plain; " + secured.users()
				+ " users" + rounds(secured), measured, NO_TARGET, null, "", securedLoginWhy(secured, plain));
	}

	/**
	 * What the run's figures say about the secured login against the plain one.
	 */
	static String securedLoginWhy(Figures secured, Figures plain) {
		return disturbance(secured) + "Per login the secured app used " + number(secured.cpuMs(), 3)
				+ " ms of CPU against " + number(plain.cpuMs(), 3) + " ms for the plain app's ("
				+ signed(secured.cpuMs() - plain.cpuMs(), 3) + " ms: event loops "
				+ signed(secured.loopsMs() - plain.loopsMs(), 3) + " ms, threads other than the event loops, the JIT "
				+ "compilers and GC " + signed(secured.otherThreadsMs() - plain.otherThreadsMs(), 3) + " ms, JIT "
				+ signed(secured.jitMs() - plain.jitMs(), 3) + " ms, GC " + signed(secured.gcMs() - plain.gcMs(), 3)
				+ " ms) and allocated "
				+ number(secured.allocatedBytes() / 1024, 1) + " KB against " + number(plain.allocatedBytes() / 1024, 1)
				+ " KB; the app, the simulator and the load generator together used " + number(secured.totalCpuMs(), 3)
				+ " ms against " + number(plain.totalCpuMs(), 3) + " ms per login, with the machine "
				+ percent(secured.machineShare()) + " and " + percent(plain.machineShare()) + " busy"
				+ ((Math.min(secured.machineShare(), plain.machineShare()) >= SATURATED) ? " (saturated)" : "")
				+ ": on cores this busy, logins/s follow the CPU per login. In a closed loop of " + secured.users()
				+ " users the mean latency is users / throughput: " + number(secured.users() * 1000.0
						/ Math.max(1e-9, secured.loginsPerSecond()), 1)
				+ " ms against " + number(plain.users() * 1000.0 / Math.max(1e-9, plain.loginsPerSecond()), 1) + " ms.";
	}

	static Verdict sessions(Figures starterChain, Figures ownChain, List<ProfileRun> profiles) {
		double share = starterChain.loginsPerSecond() / ownChain.loginsPerSecond() * 100;
		return atLeast(SESSIONS_TARGET, "GET /bench/hello, " + starterChain.users() + " signed-in sessions"
				+ rounds(starterChain), share, SESSION_FRACTION * 100, "%", 1,
				sessionsWhy(starterChain, ownChain, profiles));
	}

	/**
	 * As {@link #sessionsWhy(Figures, Figures)}, with what the JFR profiles of both chains
	 * say, when the run recorded them.
	 */
	static String sessionsWhy(Figures starterChain, Figures ownChain, List<ProfileRun> profiles) {
		String why = sessionsWhy(starterChain, ownChain);
		ProfileRun starter = profiles.stream()
			.filter((profile) -> profile.variant().equals(Subject.SECURED.key))
			.findFirst()
			.orElse(null);
		ProfileRun own = profiles.stream()
			.filter((profile) -> profile.variant().equals(Subject.FORM_LOGIN.key))
			.findFirst()
			.orElse(null);
		if (starter == null || own == null) {
			return why;
		}
		StringBuilder text = new StringBuilder(why).append(" In their JFR profiles the largest components by samples are, ")
			.append("for the starter's chain, ").append(components(starter, 4)).append(", and for Spring Security's, ")
			.append(components(own, 4)).append("; starter code is on the stack in ")
			.append(percent(starter.starterInclusiveShare())).append(" of the starter chain's samples");
		if (!starter.starterInclusiveMethods().isEmpty()) {
			text.append(", most of all ").append(shares(starter.starterInclusiveMethods(), 3));
		}
		return text.append("; allocated per request (JFR's allocation samples): ")
			.append(number(starter.allocatedBytesPerLogin(), 0)).append(" against ")
			.append(number(own.allocatedBytesPerLogin(), 0)).append(" bytes, the largest sites of the starter's chain ")
			.append(shares(starter.topAllocationSites(), 3)).append(", of Spring Security's ")
			.append(shares(own.topAllocationSites(), 3)).append('.')
			.toString();
	}

	private static String shares(List<Share> shares, int limit) {
		StringBuilder text = new StringBuilder();
		for (Share share : shares.subList(0, Math.min(limit, shares.size()))) {
			text.append((text.length() > 0) ? ", " : "").append('`').append(share.name()).append("` ")
				.append(percent(share.share()));
		}
		return (text.length() > 0) ? text.toString() : "none recorded";
	}

	private static String components(ProfileRun profile, int limit) {
		List<Share> components = profile.byComponent()
			.stream()
			.sorted(Comparator.comparingDouble(Share::share).reversed())
			.limit(limit)
			.toList();
		StringBuilder text = new StringBuilder();
		for (Share component : components) {
			text.append((text.length() > 0) ? ", " : "").append(component.name()).append(" ")
				.append(percent(component.share()));
		}
		return text.toString();
	}

	/**
	 * What the run's figures say about the requests of signed-in sessions through the two
	 * chains.
	 */
	static String sessionsWhy(Figures starterChain, Figures ownChain) {
		return disturbance(starterChain) + "Per request the starter's chain used " + number(starterChain.cpuMs(), 3)
				+ " ms of the app's CPU against " + number(ownChain.cpuMs(), 3) + " ms for Spring Security's form-login "
				+ "chain (" + signed(starterChain.cpuMs() - ownChain.cpuMs(), 3) + " ms, "
				+ percent(starterChain.cpuMs() / Math.max(1e-9, ownChain.cpuMs())) + "; event loops "
				+ signed(starterChain.loopsMs() - ownChain.loopsMs(), 3) + " ms) and allocated "
				+ number(starterChain.allocatedBytes() / 1024, 1) + " KB against "
				+ number(ownChain.allocatedBytes() / 1024, 1) + " KB; the three processes together used "
				+ number(starterChain.totalCpuMs(), 3) + " ms against " + number(ownChain.totalCpuMs(), 3)
				+ " ms per request, with the machine " + percent(starterChain.machineShare()) + " and "
				+ percent(ownChain.machineShare()) + " busy: the requests/s follow the CPU per request. p99 "
				+ number(starterChain.p99(), 1) + " ms against " + number(ownChain.p99(), 1) + " ms.";
	}

	static String ipFloodSubject(SecurityResults.IpFloodRun run) {
		return Subject.SECURED.label + ", " + number(run.result().floodLogins(), 0) + " logins at once from "
				+ run.result().floodSource() + ", limit " + run.capacity() + " + " + run.refillTokens() + " per "
				+ number(run.refillPeriodSeconds(), 0) + " s";
	}

	static boolean isRefusal(Results.AnswerKind answer) {
		return answer.status() == 429 || answer.status() == 503;
	}

	static Verdict ipFloodRefusals(SecurityResults.IpFloodRun run, String on) {
		Results.IpFlood result = run.result();
		List<Results.AnswerKind> refusals = result.flood().stream().filter(Verdicts::isRefusal).toList();
		long refused = refusals.stream().mapToLong(Results.AnswerKind::count).sum();
		long retryAfter = refusals.stream()
			.mapToLong((answer) -> answer.count() - answer.retryAfter().getOrDefault("none", 0L))
			.sum();
		long problemJson = refusals.stream().mapToLong((answer) -> count(answer.contentType(), PROBLEM_JSON)).sum();
		long expected = result.floodLogins() - run.capacity();
		long unanswered = result.flood().stream()
			.filter((answer) -> answer.kind().equals("lost") || answer.kind().startsWith("transport "))
			.mapToLong(Results.AnswerKind::count)
			.sum();
		boolean met = refused >= expected && retryAfter == refused && problemJson == refused && unanswered == 0;
		StringBuilder measured = new StringBuilder();
		for (Results.AnswerKind answer : refusals) {
			measured.append((measured.length() > 0) ? ", " : "").append(number(answer.count(), 0)).append(" × ")
				.append(answer.kind());
		}
		measured.append((measured.length() > 0) ? "" : "none refused").append(" (Retry-After: ")
			.append(number(retryAfter, 0)).append(", ").append(PROBLEM_JSON).append(": ").append(number(problemJson, 0))
			.append(")");
		String why = met ? ""
				: "Answers of the flood by kind: " + answers(result.flood()) + "; the limit lets "
						+ number(run.capacity(), 0) + " attempts through at once and " + run.refillTokens() + " more per "
						+ number(run.refillPeriodSeconds(), 0) + " s; " + number(run.floodAuthorize(), 0)
						+ " of the flood's logins reached DeOAuth.";
		return new Verdict("IP flood: the logins beyond the limit per address refused 429 (or 503) with Retry-After",
				on, measured.toString(), "≥ " + number(expected, 0) + " (all but the " + number(run.capacity(), 0)
						+ " the limit lets through), each with Retry-After and " + PROBLEM_JSON,
				met, met ? ((refused == expected) ? "exact" : signed(refused - expected, 0) + " refused")
						: signed(refused - expected, 0) + " refused, " + number(unanswered, 0) + " unanswered",
				why);
	}

	static Verdict ipFloodRefusalLatency(SecurityResults.IpFloodRun run, String on) {
		String target = "IP flood: p99 time to answer the refusals, from the request written (at once)";
		String required = "≤ " + number(IP_FLOOD_REFUSAL_P99_MS, 0) + " ms";
		Results.Latency written = refusalLatency(run.result(), true);
		if (written == null || written.count() == 0) {
			return new Verdict(target, on, "not measured", required, null, "",
					"no refusal was answered: " + answers(run.result().flood()));
		}
		boolean met = written.p99() <= IP_FLOOD_REFUSAL_P99_MS;
		return new Verdict(target, on, number(written.p99(), 1) + " ms (p50 " + number(written.p50(), 1) + ", max "
				+ number(written.max(), 1) + ")", required, met,
				margin(written.p99(), IP_FLOOD_REFUSAL_P99_MS, "ms", 1, met ? "under" : "over"),
				met ? "" : ipFloodLatencyWhy(run));
	}

	/**
	 * The latency of the flood's refusals, from the request written or from the flood's
	 * start; {@code null} without refusals. With several kinds (429 and 503) the larger
	 * p99 is taken.
	 */
	static Results.@Nullable Latency refusalLatency(Results.IpFlood result, boolean fromWritten) {
		return result.flood()
			.stream()
			.filter(Verdicts::isRefusal)
			.map((answer) -> fromWritten ? answer.latencyFromWritten() : answer.latency())
			.filter((latency) -> latency != null)
			.max(Comparator.comparingDouble(Results.Latency::p99))
			.orElse(null);
	}

	/**
	 * Where the time of the flood's refusals went, by the clocks of the run.
	 */
	static String ipFloodLatencyWhy(SecurityResults.IpFloodRun run) {
		Results.IpFlood result = run.result();
		StringBuilder text = new StringBuilder("The ").append(number(result.floodLogins(), 0))
			.append(" logins were written in ").append(number(result.floodWrittenMs(), 1))
			.append(" ms on connections opened before; ");
		Results.Latency sent = refusalLatency(result, false);
		if (sent != null) {
			text.append("from the flood's start their refusals took ").append(percentiles(sent)).append(". ");
		}
		return text.append(ipFloodTimes(run)).toString().strip();
	}

	/**
	 * The refusals' time inside the app and the machine's use during the flood.
	 */
	static String ipFloodTimes(SecurityResults.IpFloodRun run) {
		Results.IpFlood result = run.result();
		StringBuilder text = new StringBuilder();
		Results.Latency server = run.refusalServerLatency();
		if (server != null && server.count() > 0) {
			text.append("Inside the app, from the bench filter's entry to the commit of the answer, the ")
				.append(number(server.count(), 0)).append(" answers 429 took ").append(percentiles(server))
				.append(": the rest is time outside the app's filters (waiting for the app's event loops to read the "
						+ "request, for the answer to be written and read by the load generator). ");
		}
		CpuUse front = run.front();
		if (front != null) {
			text.append("Until every refusal and every user was answered (").append(number(front.windowSeconds(), 2))
				.append(" s) the machine was ").append(percent(front.machineShare())).append(" busy (app ")
				.append(percent(front.appShare())).append(", simulator ").append(percent(front.simulatorShare()))
				.append(", load generator ").append(percent(front.loadGeneratorShare())).append(", other ")
				.append(percent(front.otherShare())).append(")");
			long refused = result.floodCount(Verdicts::isRefusal);
			if (refused > 0) {
				text.append("; the app used ").append(number(front.appSeconds() * 1000 / refused, 3))
					.append(" ms of CPU per refusal over that time (the users' sign-ins included)");
			}
			Double jit = front.appSecondsByThreadGroup().get("JIT compiler");
			if (jit != null) {
				text.append(", of which its JIT compilers ").append(number(jit, 2)).append(" s in all");
			}
			text.append('.');
		}
		return text.toString().strip();
	}

	static Verdict ipFloodAuthorize(SecurityResults.IpFloodRun run, String on) {
		boolean met = run.floodAuthorize() <= run.capacity();
		String why = met ? ""
				: "The limit lets " + number(run.capacity(), 0) + " attempts through at once and " + run.refillTokens()
						+ " more every " + number(run.refillPeriodSeconds(), 0) + " s; from the flood's start to its last "
						+ "refusal answered " + ipFloodSpan(run)
						+ ", so the refill let more through. Answers of the flood by kind: "
						+ answers(run.result().flood()) + ".";
		return new Verdict("IP flood: the flood's logins that reached DeOAuth's authorize (count at DeOAuth)", on,
				number(run.floodAuthorize(), 0), "≤ " + number(run.capacity(), 0) + " (the limit's capacity)", met,
				met ? ((run.floodAuthorize() == run.capacity()) ? "exact" : signed(run.floodAuthorize() - run.capacity(), 0))
						: signed(run.floodAuthorize() - run.capacity(), 0) + " requests",
				why);
	}

	private static String ipFloodSpan(SecurityResults.IpFloodRun run) {
		Results.Latency sent = refusalLatency(run.result(), false);
		return (sent != null) ? number(sent.max() / 1000, 2) + " s passed" : "no time was measured";
	}

	static Verdict ipFloodUsers(SecurityResults.IpFloodRun run, String on) {
		Results.IpFlood result = run.result();
		Results.AnswerKind ok = result.usersAnswers()
			.stream()
			.filter((answer) -> answer.kind().equals("ok"))
			.findFirst()
			.orElse(null);
		long signedIn = (ok != null) ? ok.count() : 0;
		Results.Latency all = usersLatency(result);
		boolean met = signedIn == result.users() && all != null && all.p99() < IP_FLOOD_USERS_P99_MS;
		String measured = number(signedIn, 0) + " of " + number(result.users(), 0) + " signed in, p99 "
				+ ((all != null) ? number(all.p99(), 1) + " ms (p50 " + number(all.p50(), 1) + ")" : "-");
		String why = met ? ""
				: "The users' answers by kind: " + answers(result.usersAnswers()) + "; they were sent "
						+ number(result.usersSentAfterMs(), 1) + " ms after the flood began, when "
						+ number(result.floodAnsweredWhenUsersSent(), 0) + " of its "
						+ number(result.floodLogins(), 0) + " logins had been answered. " + ipFloodLatencyWhy(run);
		return new Verdict("IP flood: users signing in from another address meanwhile: all signed in, p99 from the "
				+ "login sent", on.replaceFirst(", limit.*", "") + "; " + number(result.users(), 0) + " users from "
						+ result.usersSource(),
				measured, "all " + number(result.users(), 0) + ", p99 < " + number(IP_FLOOD_USERS_P99_MS, 0) + " ms", met,
				(all != null) ? margin(all.p99(), IP_FLOOD_USERS_P99_MS, "ms", 1, (all.p99() < IP_FLOOD_USERS_P99_MS)
						? "under" : "over") : "",
				why);
	}

	/**
	 * The latency of every user's answer, whatever its kind, from the login sent; the
	 * kind with the largest p99 when there are several.
	 */
	static Results.@Nullable Latency usersLatency(Results.IpFlood result) {
		return result.usersAnswers()
			.stream()
			.map(Results.AnswerKind::latency)
			.max(Comparator.comparingDouble(Results.Latency::p99))
			.orElse(null);
	}

	// the authz stage

	private static void authz(@Nullable AuthzResults authz, List<Verdict> verdicts) {
		if (authz == null) {
			String why = "the authz stage did not run (`benchmarks/run --only authz`)";
			verdicts.add(new Verdict(PAT_TARGET, "-", "not measured", "≥ " + number(PAT_FRACTION * 100, 0) + " %", null,
					"", why));
			verdicts.add(new Verdict(RBAC_TARGET, "-", "not measured", "≥ " + number(RBAC_FRACTION * 100, 0) + " %",
					null, "", why));
			return;
		}
		verdicts.add(authzShare(PAT_TARGET, authz.pat, Subject.PAT, Subject.ANONYMOUS, PAT_FRACTION, authz));
		verdicts.add(authzShare(RBAC_TARGET, authz.rbac, Subject.RBAC, Subject.WITHOUT_RBAC, RBAC_FRACTION, authz));
	}

	/**
	 * The verdict of one comparison of the authz stage: the medians of {@code measured}
	 * as a share of those of {@code reference}, in the same runs.
	 */
	static Verdict authzShare(String target, List<LoadRun> runs, Subject measured, Subject reference, double fraction,
			AuthzResults authz) {
		int users = authzUsers(authz);
		Optional<Figures> figures = figures(runs, measured, users);
		Optional<Figures> base = figures(runs, reference, users);
		if (figures.isEmpty() || base.isEmpty()) {
			return new Verdict(target, measured.label + " vs " + reference.label, "not measured",
					"≥ " + number(fraction * 100, 0) + " %", null, "", "the closed loops did not complete (see the "
							+ "problems)");
		}
		double share = figures.get().loginsPerSecond() / base.get().loginsPerSecond() * 100;
		return atLeast(target,
				measured.label + " vs " + reference.label + ", " + users + " users" + rounds(figures.get()), share,
				fraction * 100, "%", 1, authzWhy(figures.get(), base.get(), authz.profiles));
	}

	/**
	 * Whether a target of the authz stage was missed, for profiling the stage.
	 */
	static boolean authzMissed(AuthzResults authz) {
		return Boolean.FALSE.equals(authzShare(PAT_TARGET, authz.pat, Subject.PAT, Subject.ANONYMOUS, PAT_FRACTION,
				authz).met())
				|| Boolean.FALSE.equals(authzShare(RBAC_TARGET, authz.rbac, Subject.RBAC, Subject.WITHOUT_RBAC,
						RBAC_FRACTION, authz).met());
	}

	/**
	 * The concurrency of the authz stage's closed loops, from its runs.
	 */
	static int authzUsers(AuthzResults authz) {
		return !authz.pat.isEmpty() ? authz.pat.get(0).users()
				: !authz.rbac.isEmpty() ? authz.rbac.get(0).users() : TARGET_USERS;
	}

	/**
	 * What the run's figures say about one kind of request of the authz stage against its
	 * reference, with what their JFR profiles say when the run recorded them.
	 */
	static String authzWhy(Figures measured, Figures reference, List<ProfileRun> profiles) {
		StringBuilder text = new StringBuilder(disturbance(measured)).append("Per request ")
			.append(measured.subject().label).append(" used ").append(number(measured.cpuMs(), 3))
			.append(" ms of the app's CPU against ").append(number(reference.cpuMs(), 3)).append(" ms for ")
			.append(reference.subject().label).append(" (").append(signed(measured.cpuMs() - reference.cpuMs(), 3))
			.append(" ms, ").append(percent(measured.cpuMs() / Math.max(1e-9, reference.cpuMs())))
			.append("; event loops ").append(signed(measured.loopsMs() - reference.loopsMs(), 3))
			.append(" ms) and allocated ").append(number(measured.allocatedBytes() / 1024, 1)).append(" KB against ")
			.append(number(reference.allocatedBytes() / 1024, 1))
			.append(" KB; the three processes together used ").append(number(measured.totalCpuMs(), 3))
			.append(" ms against ").append(number(reference.totalCpuMs(), 3))
			.append(" ms per request, with the machine ")
			.append(percent(measured.machineShare())).append(" and ").append(percent(reference.machineShare()))
			.append(" busy: the requests/s follow the CPU per request. p99 ").append(number(measured.p99(), 1))
			.append(" ms against ").append(number(reference.p99(), 1)).append(" ms.");
		ProfileRun profiled = profileOf(profiles, measured.subject());
		ProfileRun base = profileOf(profiles, reference.subject());
		if (profiled != null && base != null) {
			text.append(" In their JFR profiles the largest components by samples are, for ")
				.append(measured.subject().label).append(", ").append(components(profiled, 4)).append(", and for ")
				.append(reference.subject().label).append(", ").append(components(base, 4))
				.append("; starter code is on the stack in ").append(percent(profiled.starterInclusiveShare()))
				.append(" and ").append(percent(base.starterInclusiveShare())).append(" of their samples");
			if (!profiled.starterInclusiveMethods().isEmpty()) {
				text.append(", for ").append(measured.subject().label).append(" most of all ")
					.append(shares(profiled.starterInclusiveMethods(), 3));
			}
			text.append("; allocated per request (JFR's allocation samples): ")
				.append(number(profiled.allocatedBytesPerLogin(), 0)).append(" against ")
				.append(number(base.allocatedBytesPerLogin(), 0)).append(" bytes, the largest sites ")
				.append(shares(profiled.topAllocationSites(), 3)).append(" against ")
				.append(shares(base.topAllocationSites(), 3)).append('.');
		}
		return text.toString();
	}

	private static @Nullable ProfileRun profileOf(List<ProfileRun> profiles, Subject subject) {
		return profiles.stream().filter((profile) -> profile.variant().equals(subject.key)).findFirst().orElse(null);
	}

	// the cluster stage

	private static void cluster(@Nullable ClusterResults cluster, List<Verdict> verdicts) {
		String p50Bound = "≤ +" + number(CLUSTER_P50_MS, 0) + " ms";
		String shareBound = "≥ " + number(CLUSTER_FRACTION * 100, 0) + " %";
		Optional<Figures> redis = (cluster != null) ? figures(cluster.logins, Subject.CLUSTER_REDIS, clusterUsers(cluster))
				: Optional.empty();
		Optional<Figures> memory = (cluster != null)
				? figures(cluster.logins, Subject.CLUSTER_MEMORY, clusterUsers(cluster)) : Optional.empty();
		if (redis.isEmpty() || memory.isEmpty()) {
			String why = (cluster == null) ? "the cluster stage did not run (`benchmarks/run --only cluster`)"
					: "the closed loops of logins did not complete (see the problems)";
			verdicts.add(new Verdict(CLUSTER_P50_TARGET, "-", "not measured", p50Bound, null, "", why));
			verdicts.add(new Verdict(CLUSTER_THROUGHPUT_TARGET, "-", "not measured", shareBound, null, "", why));
		}
		else {
			verdicts.add(clusterP50(redis.get(), memory.get(), cluster));
			verdicts.add(clusterShare(redis.get(), memory.get(), cluster));
		}
		Optional<Figures> redisSessions = (cluster != null)
				? figures(cluster.sessions, Subject.REDIS_SESSIONS, clusterUsers(cluster)) : Optional.empty();
		Optional<Figures> memorySessions = (cluster != null)
				? figures(cluster.sessions, Subject.MEMORY_SESSIONS, clusterUsers(cluster)) : Optional.empty();
		if (redisSessions.isEmpty() || memorySessions.isEmpty()) {
			verdicts.add(new Verdict(CLUSTER_SESSIONS_TARGET, "-", "not measured", NO_TARGET, null, "",
					(cluster == null) ? "the cluster stage did not run (`benchmarks/run --only cluster`)"
							: "the closed loops of sessions did not complete (see the problems)"));
		}
		else {
			Figures measured = redisSessions.get();
			Figures reference = memorySessions.get();
			double share = measured.loginsPerSecond() / reference.loginsPerSecond() * 100;
			verdicts.add(new Verdict(CLUSTER_SESSIONS_TARGET, clusterSubject(measured, reference),
					number(share, 1) + " % (" + number(measured.loginsPerSecond(), 0) + " against "
							+ number(reference.loginsPerSecond(), 0) + " requests/s; p50 " + number(measured.p50(), 2)
							+ " against " + number(reference.p50(), 2) + " ms)",
					NO_TARGET, null, "", clusterWhy(measured, reference, cluster, "request")));
		}
	}

	static Verdict clusterP50(Figures redis, Figures memory, ClusterResults cluster) {
		return atMost(CLUSTER_P50_TARGET, clusterSubject(redis, memory), redis.p50() - memory.p50(), CLUSTER_P50_MS,
				"ms", 2, clusterWhy(redis, memory, cluster, "login"));
	}

	static Verdict clusterShare(Figures redis, Figures memory, ClusterResults cluster) {
		return atLeast(CLUSTER_THROUGHPUT_TARGET, clusterSubject(redis, memory),
				redis.loginsPerSecond() / memory.loginsPerSecond() * 100, CLUSTER_FRACTION * 100, "%", 1,
				clusterWhy(redis, memory, cluster, "login"));
	}

	private static String clusterSubject(Figures measured, Figures reference) {
		return measured.subject().label + " vs " + reference.subject().label + ", " + measured.users() + " users"
				+ rounds(measured);
	}

	/**
	 * The concurrency of the cluster stage's closed loops, from its runs.
	 */
	static int clusterUsers(ClusterResults cluster) {
		return !cluster.logins.isEmpty() ? cluster.logins.get(0).users()
				: !cluster.sessions.isEmpty() ? cluster.sessions.get(0).users() : TARGET_USERS;
	}

	/**
	 * The Redis server's median CPU per login (or request) over the runs of a subject,
	 * when it was measured.
	 */
	static Optional<Double> redisCpuMs(ClusterResults cluster, Subject subject) {
		List<Double> values = cluster.redisCpu.stream()
			.filter((cpu) -> cpu.variant().equals(subject.key))
			.map(ClusterResults.RedisCpu::perLoginMs)
			.sorted()
			.toList();
		return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() / 2));
	}

	/**
	 * The Redis server's median share of the machine over the runs of a subject, 0 when
	 * it was not measured.
	 */
	static double redisShare(ClusterResults cluster, Subject subject) {
		List<Double> values = cluster.redisCpu.stream()
			.filter((cpu) -> cpu.variant().equals(subject.key))
			.map(ClusterResults.RedisCpu::share)
			.sorted()
			.toList();
		return values.isEmpty() ? 0 : values.get(values.size() / 2);
	}

	/**
	 * What the run's figures say about logins (or session requests) on Redis against the
	 * same in memory: the CPU of the app's instances, of Redis, of the other processes,
	 * the machine's use and the latencies.
	 */
	static String clusterWhy(Figures measured, Figures reference, @Nullable ClusterResults cluster, String what) {
		double redisShare = (cluster != null) ? redisShare(cluster, measured.subject()) : 0;
		StringBuilder text = new StringBuilder((measured.otherShare() - redisShare > DISTURBED)
				? "This run was disturbed: other processes than Redis took "
						+ percent(measured.otherShare() - redisShare) + " of the machine's CPU during these windows "
						+ "(median). "
				: "").append("Per ").append(what).append(' ')
			.append(measured.subject().label).append(" used ").append(number(measured.cpuMs(), 3))
			.append(" ms of the instances' CPU against ").append(number(reference.cpuMs(), 3)).append(" ms for ")
			.append(reference.subject().label).append(" (").append(signed(measured.cpuMs() - reference.cpuMs(), 3))
			.append(" ms; event loops ").append(signed(measured.loopsMs() - reference.loopsMs(), 3))
			.append(" ms, other threads ").append(signed(measured.otherThreadsMs() - reference.otherThreadsMs(), 3))
			.append(" ms) and allocated ").append(number(measured.allocatedBytes() / 1024, 1)).append(" KB against ")
			.append(number(reference.allocatedBytes() / 1024, 1)).append(" KB");
		Optional<Double> redisMs = (cluster != null) ? redisCpuMs(cluster, measured.subject()) : Optional.empty();
		redisMs.ifPresent((ms) -> text.append("; the Redis server used ").append(number(ms, 3)).append(" ms per ")
			.append(what).append(" (warm-up included), counted in the \"other\" column"));
		text.append("; the app, the simulator and the load generator together used ")
			.append(number(measured.totalCpuMs(), 3)).append(" ms against ").append(number(reference.totalCpuMs(), 3))
			.append(" ms, with the machine ").append(percent(measured.machineShare())).append(" and ")
			.append(percent(reference.machineShare())).append(" busy. p50 ").append(number(measured.p50(), 2))
			.append(" ms against ").append(number(reference.p50(), 2)).append(" ms, p99 ")
			.append(number(measured.p99(), 1)).append(" ms against ").append(number(reference.p99(), 1))
			.append(" ms.");
		return text.toString();
	}

	// explanations

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

	static String mib(long bytes) {
		return String.format(Locale.ROOT, "%,.1f MiB", bytes / (1024.0 * 1024));
	}

	private static String disturbance(Figures app) {
		return (app.otherShare() > DISTURBED) ? "This run was disturbed: other processes took "
				+ percent(app.otherShare()) + " of the machine's CPU during these windows (median). " : "";
	}

	static String cpuWhy(SuiteResults results, Figures app) {
		StringBuilder why = new StringBuilder(disturbance(app));
		why.append("Of the ").append(number(app.cpuMs(), 3)).append(" ms, the event loops take ")
			.append(number(app.loopsMs(), 3)).append(" ms, the JIT compilers ")
			.append(number(app.jitMs(), 3)).append(" ms, GC ")
			.append(number(app.gcMs(), 3)).append(" ms and other threads ")
			.append(number(app.otherThreadsMs(), 3)).append(" ms; the app allocates ")
			.append(number(app.allocatedBytes() / 1024, 1)).append(" KB per login. ");
		figures(results, app.subject().ceiling(), app.users()).ifPresent((bare) -> why.append("In the same run, ")
			.append(bare.subject().label)
			.append(" needs ")
			.append(number(bare.cpuMs(), 3))
			.append(" ms (event loops ")
			.append(number(bare.loopsMs(), 3))
			.append(" ms, ")
			.append(number(bare.allocatedBytes() / 1024, 1))
			.append(" KB allocated) for the same HTTP exchanges without the starter, ")
			.append(comparedWithBound(bare.cpuMs(), CPU_MS_PER_LOGIN, "ms", 3))
			.append(". The starter's difference to it: ")
			.append(signed(app.cpuMs() - bare.cpuMs(), 3))
			.append(" ms and ")
			.append(signed((app.allocatedBytes() - bare.allocatedBytes()) / 1024, 1))
			.append(" KB. "));
		if (app.subject().variant == Variant.OBSERVED) {
			figures(results, Subject.PLAIN, app.users()).ifPresent((plain) -> why.append("Observed minus plain: ")
				.append(signed(app.cpuMs() - plain.cpuMs(), 3))
				.append(" ms and ")
				.append(signed((app.allocatedBytes() - plain.allocatedBytes()) / 1024, 1))
				.append(" KB. "));
		}
		results.profiles.stream()
			.filter((profile) -> profile.variant().equals(app.subject().key))
			.findFirst()
			.ifPresent((profile) -> why.append(profileSummary(profile)));
		return why.toString().strip();
	}

	/**
	 * Where a value stands against a bound, e.g. {@code 0.056 ms (33 %) above the bound}.
	 */
	static String comparedWithBound(double value, double bound, String unit, int decimals) {
		if (value == bound) {
			return "exactly the bound";
		}
		return number(Math.abs(value - bound), decimals) + " " + unit + " ("
				+ String.format(Locale.ROOT, "%.0f", Math.abs(value - bound) / bound * 100) + " %) "
				+ ((value > bound) ? "above" : "below") + " the bound";
	}

	private static String profileSummary(ProfileRun profile) {
		List<Share> components = profile.byComponent()
			.stream()
			.sorted(Comparator.comparingDouble(Share::share).reversed())
			.limit(3)
			.toList();
		StringBuilder text = new StringBuilder("In its JFR profile the largest components by samples are ");
		for (int i = 0; i < components.size(); i++) {
			text.append((i > 0) ? ", " : "").append(components.get(i).name()).append(" (")
				.append(percent(components.get(i).share())).append(')');
		}
		return text.append("; starter code is on the stack in ")
			.append(percent(profile.starterInclusiveShare()))
			.append(" of the samples.")
			.toString();
	}

	private static double groupMsPerLogin(LoadRun run, String group) {
		return run.cpu().appSecondsByThreadGroup().getOrDefault(group, 0.0) * 1000
				/ Math.max(1, run.result().logins());
	}

	static String throughputWhy(Figures app, Figures ceiling) {
		return disturbance(app) + "The machine was " + percent(app.machineShare()) + " busy"
				+ ((app.machineShare() >= SATURATED) ? " (saturated)" : "") + ": app " + percent(app.appShare())
				+ ", simulator " + percent(app.simulatorShare()) + ", load generator " + percent(app.loadGeneratorShare())
				+ ", other " + percent(app.otherShare()) + ". The three processes together used "
				+ number(app.totalCpuMs(), 3) + " ms of CPU per login, against " + number(ceiling.totalCpuMs(), 3)
				+ " ms with " + ceiling.subject().label + " (" + percent(ceiling.totalCpuMs() / app.totalCpuMs())
				+ " of this app's); the app's throughput is " + percent(app.loginsPerSecond() / ceiling.loginsPerSecond())
				+ " of the ceiling's.";
	}

	static String latencyWhy(SuiteResults results, Figures app, @Nullable Figures bare) {
		double littlesLaw = app.users() * 1000.0 / Math.max(1e-9, app.loginsPerSecond());
		StringBuilder why = new StringBuilder(disturbance(app));
		why.append("In a closed loop of ").append(app.users()).append(" users the mean latency is users / throughput: ")
			.append(number(littlesLaw, 1)).append(" ms here, with the machine ")
			.append(percent(app.machineShare())).append(" busy.");
		figures(results, app.subject(), 1).ifPresent((alone) -> why.append(" At 1 user the same app's p50 is ")
			.append(number(alone.p50(), 2))
			.append(" ms: at ")
			.append(app.users())
			.append(" users a login takes ")
			.append(number(littlesLaw - alone.p50(), 1))
			.append(" ms longer on average."));
		if (bare != null) {
			why.append(" The p99 of ").append(bare.subject().label).append(" in the same run: ")
				.append(number(bare.p99(), 1)).append(" ms.");
		}
		return why.toString().strip();
	}

	static String errorsWhy(List<LoadRun> runs) {
		Map<String, Long> refused = new TreeMap<>();
		Map<String, Long> transport = new TreeMap<>();
		long wrongUser = 0;
		long lost = 0;
		for (LoadRun run : runs) {
			Results.Errors errors = run.result().errors();
			errors.refusedByStatus().forEach((status, count) -> refused.merge(status, count, Long::sum));
			errors.transportErrorsByType().forEach((type, count) -> transport.merge(type, count, Long::sum));
			wrongUser += errors.wrongUser();
			lost += errors.lost();
		}
		return "Refused by status: " + refused + "; transport errors: " + transport + "; wrong user: " + wrongUser
				+ "; lost: " + lost + " (by run in the error columns of the load tables).";
	}

	static String signed(double value, int decimals) {
		return ((value >= 0) ? "+" : "") + number(value, decimals);
	}

	static String heapWhy(SuiteResults results, MemoryRun memory) {
		StringBuilder why = new StringBuilder("Largest live-heap growth per pending login: ")
			.append(classes(memory.topClasses(), TOP));
		MemoryRun client = results.clientAlone;
		if (client != null && client.bytesPerLogin() > 0) {
			why.append(". The starter's client alone, serving no inbound request, holds ")
				.append(number(client.bytesPerLogin(), 0))
				.append(" bytes per pending login; this app ")
				.append(number(memory.bytesPerLogin() - client.bytesPerLogin(), 0))
				.append(" bytes more over ")
				.append(memory.protocol());
			List<ClassDelta> more = difference(memory.topClasses(), client.topClasses());
			if (!more.isEmpty()) {
				why.append(", most of all in ").append(classes(more, TOP))
					.append(" (among the classes each histogram lists)");
			}
		}
		if (Subject.of(memory.variant()) == Subject.OBSERVED) {
			results.memory.stream()
				.filter((other) -> other.variant().equals(Subject.PLAIN.key) && other.protocol().equals(memory.protocol()))
				.findFirst()
				.ifPresent((plain) -> {
					why.append(". Metrics and observation add ")
						.append(number(memory.bytesPerLogin() - plain.bytesPerLogin(), 0))
						.append(" bytes to the plain app's ")
						.append(number(plain.bytesPerLogin(), 0))
						.append(" over the same protocol");
					List<ClassDelta> more = difference(memory.topClasses(), plain.topClasses());
					if (!more.isEmpty()) {
						why.append("; the classes that grow more in the observed app: ").append(classes(more, TOP))
							.append(" (among the classes each histogram lists)");
					}
				});
		}
		results.memory.stream()
			.filter((other) -> other.variant().equals(Subject.BARE.key) && other.protocol().equals(memory.protocol()))
			.findFirst()
			.ifPresent((bare) -> why.append(". The bare app holds ").append(number(bare.bytesPerLogin(), 0))
				.append(" bytes per pending login over the same protocol"));
		return why.append('.').toString();
	}

	/**
	 * How much more each class grows per login in {@code more} than in {@code less}, the
	 * largest difference first; a class that {@code less} does not list counts as 0 there.
	 */
	static List<ClassDelta> difference(List<ClassDelta> more, List<ClassDelta> less) {
		Map<String, ClassDelta> base = new HashMap<>();
		less.forEach((delta) -> base.put(delta.className(), delta));
		List<ClassDelta> differences = new ArrayList<>();
		for (ClassDelta delta : more) {
			ClassDelta other = base.get(delta.className());
			double bytes = delta.bytesPerLogin() - ((other != null) ? other.bytesPerLogin() : 0);
			double instances = delta.instancesPerLogin() - ((other != null) ? other.instancesPerLogin() : 0);
			if (bytes > 0) {
				differences.add(new ClassDelta(delta.className(), bytes, instances));
			}
		}
		differences.sort(Comparator.comparingDouble(ClassDelta::bytesPerLogin).reversed());
		return differences;
	}

	static String classes(List<ClassDelta> classes, int limit) {
		StringBuilder text = new StringBuilder();
		for (ClassDelta delta : classes.subList(0, Math.min(limit, classes.size()))) {
			text.append((text.length() > 0) ? ", " : "").append('`').append(delta.className()).append("` ")
				.append(number(delta.bytesPerLogin(), 0)).append(" B");
		}
		return (text.length() > 0) ? text.toString() : "no class listed";
	}

	static String percent(double share) {
		return String.format(Locale.ROOT, "%.0f %%", share * 100);
	}

}
