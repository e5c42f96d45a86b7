package com.altscodex.benchmarks.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.altscodex.benchmarks.load.Results;

/**
 * Everything one run of the suite measured: written as
 * {@code benchmarks/results/latest.json} and rendered as {@code docs/performance.md}.
 */
public final class SuiteResults {

	public @Nullable RunInfo run;

	public @Nullable Environment environment;

	public List<LoadRun> load = new ArrayList<>();

	public List<ProfileRun> profiles = new ArrayList<>();

	public List<BurstRun> burst = new ArrayList<>();

	public List<MemoryRun> memory = new ArrayList<>();

	public @Nullable RegistryEntrySize registry;

	/** Pending logins in the client alone, without an inbound HTTP request. */
	public @Nullable MemoryRun clientAlone;

	/**
	 * Floods of logins whose {@code authorize} DeOAuth holds, against an app with the
	 * pending-login bound and the same app without it; left out of the file when the
	 * flood stage did not run (results written before the stage existed read back the
	 * same).
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	public List<FloodRun> flood = new ArrayList<>();

	public List<JmhScore> jmh = new ArrayList<>();

	/**
	 * The run that measured the microbenchmarks, and its commit, so that a results file
	 * can take them from a later run ({@code --only jmh --merge}); left out of the file
	 * when not recorded (results written before they were read back the same).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public @Nullable RunInfo jmhRun;

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public @Nullable String jmhGitCommit;

	/**
	 * The security stage, with the run that measured it; left out of the file when the
	 * stage did not run (results written before the stage existed read back the same).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public @Nullable SecurityResults security;

	/**
	 * The authz stage, with the run that measured it; left out of the file when the stage
	 * did not run (results written before the stage existed read back the same).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public @Nullable AuthzResults authz;

	/**
	 * The cluster stage, with the run that measured it; left out of the file when the
	 * stage did not run (results written before the stage existed read back the same).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public @Nullable ClusterResults cluster;

	/** Each target of issue 3 with what was measured against it. */
	public List<Verdict> verdicts = new ArrayList<>();

	/** Sanity checks of the app variants (e.g. metrics really on or off). */
	public List<String> checks = new ArrayList<>();

	/** Stages that failed, with the reason. */
	public List<String> problems = new ArrayList<>();

	/**
	 * Reads results written by an earlier run, for rendering the report again; the
	 * verdicts, which are recomputed, may differ from what was written.
	 * @param json the mapper
	 * @param text the results as written
	 * @return the results
	 * @throws IllegalStateException if anything but the verdicts would not be written
	 * back the same, so that a report is never rendered from half-read results
	 */
	static SuiteResults readBack(JsonMapper json, String text) {
		ObjectNode original = (ObjectNode) json.readTree(text);
		SuiteResults results = json.treeToValue(original, SuiteResults.class);
		ObjectNode reread = json.valueToTree(results);
		original.remove("verdicts");
		reread.remove("verdicts");
		// compared as text: numbers read back may be other node types of the same value
		if (!json.writeValueAsString(original).equals(json.writeValueAsString(reread))) {
			throw new IllegalStateException("The results do not read back as they were written");
		}
		return results;
	}

	/**
	 * The run itself.
	 */
	public record RunInfo(String startedAt, String finishedAt, double minutes, String command, boolean quick,
			List<String> stages, boolean profileRequested, Map<String, Object> settings) {
	}

	/**
	 * Where it ran.
	 */
	public record Environment(String cpuModel, int cores, long memoryBytes, String os, String kernel, String jvm,
			String javaHome, long openFilesLimit, long clockTicksPerSecond, Map<String, String> versions,
			String gitCommit, Map<String, List<String>> jvmFlags) {
	}

	/**
	 * CPU time of each process over a measured window, and its share of the machine.
	 *
	 * @param windowSeconds wall-clock length of the window
	 * @param appSeconds CPU seconds of the app under load
	 * @param simulatorSeconds CPU seconds of the DeOAuth simulator
	 * @param loadGeneratorSeconds CPU seconds of the load generator
	 * @param machineBusySeconds busy CPU seconds of the whole machine
	 * @param cores the machine's cores
	 * @param appSecondsByThreadGroup the app's CPU seconds by kind of thread (event loops,
	 * JIT compiler, GC, other)
	 */
	public record CpuUse(double windowSeconds, double appSeconds, double simulatorSeconds, double loadGeneratorSeconds,
			double machineBusySeconds, int cores, Map<String, Double> appSecondsByThreadGroup) {

		private double share(double seconds) {
			return (this.windowSeconds > 0) ? seconds / (this.windowSeconds * this.cores) : 0;
		}

		public double appShare() {
			return share(this.appSeconds);
		}

		public double simulatorShare() {
			return share(this.simulatorSeconds);
		}

		public double loadGeneratorShare() {
			return share(this.loadGeneratorSeconds);
		}

		public double machineShare() {
			return share(this.machineBusySeconds);
		}

		/** Busy time of everything else on the machine (other processes, the kernel's share not charged to ours). */
		public double otherShare() {
			return Math.max(0, machineShare() - appShare() - simulatorShare() - loadGeneratorShare());
		}

	}

	/**
	 * One closed-loop run against one variant.
	 *
	 * @param round which repetition at this concurrency (1 unless repeated)
	 * @param appAllocatedBytesPerLogin heap the app allocated per login over the window
	 * (all threads), a cost figure that other load on the machine does not disturb
	 */
	public record LoadRun(String variant, int users, int round, Results.ClosedLoop result, CpuUse cpu,
			double appCpuMsPerLogin, double appAllocatedBytesPerLogin) {
	}

	/**
	 * A 64-user run under JFR, and where its samples fell.
	 */
	public record ProfileRun(String variant, int users, String jfrFile, long logins, long executionSamples,
			List<Share> byComponent, List<Share> topSelfMethods, double starterInclusiveShare,
			List<Share> starterInclusiveMethods, double allocatedBytesPerLogin, List<Share> topAllocationSites,
			long gcCount, double gcPauseMs) {
	}

	/**
	 * A share of samples (or allocated bytes) attributed to a name.
	 */
	public record Share(String name, double share, long count) {
	}

	/**
	 * 2,000 logins at once against one variant.
	 */
	public record BurstRun(String variant, Results.Burst result) {
	}

	/**
	 * Live heap of pending logins held open against one variant.
	 */
	public record MemoryRun(String variant, String protocol, int requested, int pendingSeen, long heapBaseline,
			long heapHeld, double bytesPerLogin, int pendingAfterRelease, long answeredWhileHeld,
			List<ClassDelta> topClasses, @Nullable String error) {
	}

	/**
	 * Live bytes of one class per pending login (heap histogram with N pending minus
	 * without).
	 */
	public record ClassDelta(String className, double bytesPerLogin, double instancesPerLogin) {
	}

	/**
	 * The pending-login registry alone.
	 */
	public record RegistryEntrySize(int entries, double bytesPerEntryHeap, @Nullable Double bytesPerEntryJol,
			List<ClassDelta> breakdown, String method) {
	}

	/**
	 * A flood: {@code logins} logins at once against a fresh app whose DeOAuth holds every
	 * {@code authorize} for {@code holdSeconds}.
	 *
	 * @param variant the app
	 * @param bounded whether this is the run with the bound ({@code false}: the baseline,
	 * the bound off)
	 * @param maxPendingLogins the app's {@code altscodex.max-pending-logins}
	 * @param logins logins fired at once
	 * @param holdSeconds how long DeOAuth held each {@code authorize}
	 * @param loginTimeoutSeconds the app's login timeout ({@code altscodex.timeout})
	 * @param deOAuthConnections the app's connections to DeOAuth
	 * ({@code altscodex.http.max-connections})
	 * @param result the answers, by kind, as the load generator saw them
	 * @param pendingAtPeak the app's pending logins once every login was registered or
	 * refused
	 * @param refusedByApp logins the app's registry refused during the flood
	 * @param refusedMeter the increase of the Micrometer counter
	 * {@code altscodex.pending.logins.refused} during the flood, {@code null} without
	 * metrics
	 * @param refusalServerMs the mean time of the refusals by the app's own timer
	 * ({@code http.server.requests}, status 503, {@code /login}) during the flood, in
	 * milliseconds, {@code null} without metrics
	 * @param refusalServerLatency the time of each refusal inside the app, from the bench
	 * filter's entry (first in the chain) to the commit of the {@code 503} answer, in both
	 * variants; {@code null} in results written before it was measured
	 * @param authorizeAtPeak {@code authorize} requests the simulator had received at the
	 * peak
	 * @param authorizeReceived {@code authorize} requests the simulator received in all
	 * @param getTokenReceived {@code get_token} requests the simulator received in all
	 * @param heapBefore used heap after {@code System.gc()} before the flood
	 * @param heapAtPeak used heap after {@code System.gc()} at the peak
	 * @param heapAfter used heap after {@code System.gc()} once every login had ended
	 * @param peakSeconds when the peak's figures were taken, in seconds since the flood
	 * began (before {@code holdSeconds}, or the held logins were ending already)
	 * @param front CPU time of each process from the first login sent to the peak (every
	 * login registered or refused, every refusal answered), {@code null} if not sampled
	 * @param pendingAfter the app's pending logins once every login had ended
	 * @param topClasses growth of the live-object histogram from before to the peak, per
	 * pending login
	 * @param error what went wrong, if anything
	 */
	public record FloodRun(String variant, boolean bounded, int maxPendingLogins, int logins, double holdSeconds,
			double loginTimeoutSeconds, int deOAuthConnections, Results.Flood result, int pendingAtPeak,
			long refusedByApp, @Nullable Long refusedMeter, @Nullable Double refusalServerMs,
			@JsonInclude(JsonInclude.Include.NON_NULL) Results.@Nullable Latency refusalServerLatency,
			long authorizeAtPeak, long authorizeReceived, long getTokenReceived, long heapBefore, long heapAtPeak, long heapAfter, double peakSeconds,
			@Nullable CpuUse front, int pendingAfter, List<ClassDelta> topClasses, @Nullable String error) {

		/** Live heap at the peak minus before the flood. */
		public long heapGrowth() {
			return this.heapAtPeak - this.heapBefore;
		}

		/** Live heap growth at the peak per pending login. */
		public double bytesPerPendingLogin() {
			return (this.pendingAtPeak > 0) ? (double) heapGrowth() / this.pendingAtPeak : 0;
		}

		/** How many logins are beyond the bound and must be refused. */
		public int beyondBound() {
			return Math.max(0, this.logins - this.maxPendingLogins);
		}

		/** How many logins the bound admits. */
		public int admitted() {
			return Math.min(this.logins, this.maxPendingLogins);
		}

	}

	/**
	 * A target, what was measured against it, and whether it was met.
	 *
	 * @param target the target as issue 3 states it
	 * @param subject what was measured (variant, protocol)
	 * @param measured the figure
	 * @param required the bound
	 * @param met whether the figure meets the bound, {@code null} when not measured
	 * @param margin how far from the bound, in the target's unit and relative
	 * @param why for a miss, what the other figures of the same run say about it
	 */
	public record Verdict(String target, String subject, String measured, String required, @Nullable Boolean met,
			String margin, String why) {
	}

	/**
	 * One JMH result.
	 */
	public record JmhScore(String benchmark, String params, int threads, String mode, double score, double error,
			String unit) {
	}

}
