package com.altscodex.benchmarks.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import com.altscodex.benchmarks.load.Results;
import com.altscodex.benchmarks.suite.SuiteResults.FloodRun;
import com.altscodex.benchmarks.suite.SuiteResults.RunInfo;
import com.altscodex.benchmarks.suite.SuiteResults.Verdict;
import com.altscodex.benchmarks.suite.SuiteSettings.Stage;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTests {

	@TempDir
	Path dir;

	@Test
	void renderWhenTheCommandLineDiffersThenEverySettingComesFromTheResultsFile() throws IOException {
		Path json = this.dir.resolve("latest.json");
		Files.copy(Path.of("results/latest.json"), json);
		Path plain = this.dir.resolve("plain.md");
		Path other = this.dir.resolve("other.md");
		BenchmarkSuite.render(settings("--render", "--json", json.toString(), "--report", plain.toString()));
		BenchmarkSuite.render(settings("--render", "--json", json.toString(), "--report", other.toString(), "--transport",
				"nio", "--note", "A note from the command line", "--users", "2", "--warmup", "99", "--measure", "1",
				"--rounds", "7", "--burst", "5", "--jmh-warmups", "9", "--jmh-iterations", "9", "--quick", "--no-profile",
				"--flood", "10", "--flood-bound", "5"));
		String report = Files.readString(plain, StandardCharsets.UTF_8);
		assertThat(Files.readString(other, StandardCharsets.UTF_8)).isEqualTo(report);
		// what the committed run recorded, whichever run that is
		JsonNode settings = JsonMapper.shared().readTree(json.toFile()).path("run").path("settings");
		assertThat(report).contains("> **Note on this run**: " + settings.path("note").asString().strip())
			.contains(settings.path("transport").asString().startsWith("native")
					? "Every process runs on Netty's native epoll transport" : "Every process runs on Netty's NIO")
			.doesNotContain("A note from the command line")
			.doesNotContain("Smoke run");
	}

	@Test
	void renderWhenTheSettingsAreStoredThenTheReportUsesThem() {
		SuiteResults results = TestResults.results(TestResults.settings(), "LOAD");
		results.load.add(TestResults.load(Subject.PLAIN, 64, 2000, 20, 30, 0.25, 0.1, 0.2, 0));
		results.load.add(TestResults.load(Subject.BARE, 64, 2100, 19, 29, 0.2, 0.1, 0.2, 0));
		results.load.add(TestResults.load(Subject.PLAIN, 1, 1500, 0.6, 1, 0.25, 0.1, 0.2, 0));
		results.verdicts.addAll(Verdicts.of(results));
		String report = new Report(results).render();
		assertThat(report).contains("> **Note on this run**: A note from the results file")
			.contains("Every process runs on Netty's NIO transport (`--transport nio`)")
			.contains("7 s of warm-up, then 11 s measured")
			.contains("shares are of the 4 cores (100 % = every core busy for the whole window)")
			.contains("### 1 user")
			.contains("### 64 concurrent users")
			.contains("| settings | users [1, 64], warmupSeconds 7.0, measureSeconds 11.0, transport nio |");
	}

	@Test
	void noteWhenResultsPredateTheStoredNoteThenTakenFromTheRecordedCommand() {
		assertThat(settingsOf("benchmarks/run --note Quiet machine, nothing else ran. --only load").note())
			.isEqualTo("Quiet machine, nothing else ran.");
		assertThat(settingsOf("benchmarks/run --quick --note=\"a b\"").note()).isEqualTo("a b");
		assertThat(settingsOf("benchmarks/run --only load").note()).isEmpty();
		Map<String, Object> stored = Map.of("note", "stored");
		assertThat(new RunSettings(run("benchmarks/run --note other", stored)).note()).isEqualTo("stored");
	}

	@Test
	void usersWhenNotStoredThenThoseOfTheLoadRuns() {
		SuiteResults results = TestResults.results(Map.of(), "LOAD");
		results.load.add(TestResults.load(Subject.PLAIN, 16, 2000, 20, 30, 0.25, 0.1, 0.2, 0));
		results.load.add(TestResults.load(Subject.PLAIN, 4, 2000, 20, 30, 0.25, 0.1, 0.2, 0));
		results.load.add(TestResults.load(Subject.BARE, 16, 2000, 20, 30, 0.25, 0.1, 0.2, 0));
		assertThat(new RunSettings(results.run).users(results.load)).containsExactly(16, 4);
	}

	@Test
	void whyNoProfileFollowsTheRun() {
		SuiteResults notRun = TestResults.results(TestResults.settings(), "MEMORY");
		assertThat(new Report(notRun).whyNoProfile()).isEqualTo("the load stage did not run");
		SuiteResults met = TestResults.results(TestResults.settings(), "LOAD");
		met.load.add(TestResults.load(Subject.PLAIN, 64, 2000, 20, 30, 0.1, 0.1, 0.2, 0));
		met.verdicts.addAll(Verdicts.of(met));
		assertThat(new Report(met).whyNoProfile()).isEqualTo("every CPU, throughput and latency target at 64 users was met");
		Map<String, Object> off = new java.util.LinkedHashMap<>(TestResults.settings());
		off.put("profileOff", true);
		SuiteResults missed = TestResults.results(off, "LOAD");
		missed.load.add(TestResults.load(Subject.PLAIN, 64, 2000, 20, 30, 0.5, 0.1, 0.2, 0));
		missed.verdicts.addAll(Verdicts.of(missed));
		assertThat(new Report(missed).whyNoProfile()).contains("profiling was off (`--no-profile`)");
	}

	@Test
	void memoryMethodWhenH2cRowsThenTheConnectionsAndTheOpenFilesLimitComeFromTheRun() {
		Map<String, Object> settings = new java.util.LinkedHashMap<>(TestResults.settings());
		settings.put("memoryLoginTimeoutMinutes", 30);
		settings.put("h2cStreamsPerConnection", 1000);
		SuiteResults results = TestResults.results(settings, "MEMORY");
		results.memory.add(new SuiteResults.MemoryRun("plain", "h2c", 100_000, 100_000, 1, 2, 8000, 0, 0, List.of(), null));
		assertThat(new Report(results).memoryMethod()).contains("(login timeout 30 min)")
			.contains("hold 100,000 logins, more than the limit of 20,000 open files per process allows connections; "
					+ "with 1,000 concurrent streams per connection (the apps' server limit raised to match), about 100 "
					+ "connections carry them.");
		SuiteResults legacy = TestResults.results(TestResults.settings(), "MEMORY");
		legacy.memory.add(new SuiteResults.MemoryRun("plain", "h2c", 10_000, 10_000, 1, 2, 8000, 0, 0, List.of(), null));
		assertThat(new Report(legacy).memoryMethod()).contains("hold 10,000 logins.")
			.doesNotContain("login timeout")
			.doesNotContain("connections carry");
	}

	@Test
	void floodWhenBothRunsThenTheSectionComparesThem() {
		SuiteResults results = TestResults.results(TestResults.settings(), "FLOOD");
		results.flood.add(TestResults.boundedFlood(Subject.PLAIN, 40, 12_000));
		results.flood.add(TestResults.baselineFlood(Subject.PLAIN, 11_500));
		results.verdicts.addAll(Verdicts.of(results));
		Report report = new Report(results);
		assertThat(report.floodComparison(Subject.PLAIN)).isEqualTo("**starter, plain**: with the bound, 500 of 1,500 "
				+ "logins were answered 503 sign-in-busy within 60.0 ms of their request written (p99 40.0 ms; from the "
				+ "login sent p99 840.0 ms) and 1,000 `authorize` requests "
				+ "reached DeOAuth; without it, 1,500 `authorize` requests reached DeOAuth and 1,500 logins were held, "
				+ "answered ok after p50 30.1 s (max 30.9 s). Live heap at the peak: +11.4 MiB with the bound, +16.5 MiB "
				+ "without (12,000 and 11,500 bytes per pending login).");
		assertThat(report.floodComparison(Subject.OBSERVED)).isEmpty();
		String text = report.render();
		assertThat(text).contains("## A flood of 1,500 logins against 1,000 pending at most")
			.contains("holds every `authorize` answer for 30 s")
			.contains("| starter, plain | 1,000 | 500 | 520.0 / 840.0 / 960.0 | 20.0 / 40.0 / 60.0 | 1.5 / 3.5 / 6.0 | "
					+ "1,000 ok (p50 30.1 s, max 30.9 s) | 1,000 / 1,000 | 1,000 |")
			.contains("| starter, plain | 1,000,000 | 0 | - | - | - | 1,500 ok (p50 30.1 s, max 30.9 s) | 1,500 / 1,500 |");
	}

	@Test
	void readBackWhenFloodRunsThenEverythingIsRead() {
		SuiteResults results = TestResults.results(TestResults.settings(), "FLOOD");
		results.flood.add(TestResults.boundedFlood(Subject.PLAIN, 40, 12_000));
		results.flood.add(TestResults.baselineFlood(Subject.PLAIN, 11_500));
		results.verdicts.addAll(Verdicts.of(results));
		JsonMapper pretty = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		SuiteResults read = SuiteResults.readBack(BenchmarkSuite.JSON, pretty.writeValueAsString(results));
		assertThat(read.flood).isEqualTo(results.flood);
		List<Verdict> verdicts = new ArrayList<>(Verdicts.of(read));
		assertThat(verdicts).isEqualTo(results.verdicts);
	}

	@Test
	void readBackWhenFloodResultsPredateTheNewLatenciesThenReadAndWrittenWithoutThem() {
		SuiteResults results = TestResults.results(TestResults.settings(), "FLOOD");
		FloodRun fresh = TestResults.boundedFlood(Subject.PLAIN, 40, 12_000);
		List<Results.AnswerKind> answers = fresh.result()
			.answers()
			.stream()
			.map((answer) -> new Results.AnswerKind(answer.kind(), answer.status(), answer.problemType(), answer.count(),
					answer.latency(), null, answer.retryAfter(), answer.contentType()))
			.toList();
		results.flood.add(new FloodRun(fresh.variant(), true, fresh.maxPendingLogins(), fresh.logins(),
				fresh.holdSeconds(), fresh.loginTimeoutSeconds(), fresh.deOAuthConnections(),
				new Results.Flood("t", 1500, 1000, 1500, 0, Results.Flood.ON_SOCKETS, 31, answers), fresh.pendingAtPeak(), fresh.refusedByApp(),
				fresh.refusedMeter(), null, null, fresh.authorizeAtPeak(), fresh.authorizeReceived(),
				fresh.getTokenReceived(), fresh.heapBefore(), fresh.heapAtPeak(), fresh.heapAfter(), fresh.peakSeconds(),
				fresh.front(), 0, fresh.topClasses(), null));
		String json = BenchmarkSuite.JSON.writeValueAsString(results);
		assertThat(json).doesNotContain("latencyFromWritten").doesNotContain("refusalServerLatency");
		SuiteResults read = SuiteResults.readBack(BenchmarkSuite.JSON, json);
		assertThat(new Report(read).render()).contains("| starter, plain | 1,000 | 500 | 520.0 / 840.0 / 960.0 | - | - |");
	}

	@Test
	void renderWhenTheCommittedResultsThenTheCommittedReport() throws IOException {
		Path json = this.dir.resolve("latest.json");
		Files.copy(Path.of("results/latest.json"), json);
		Path report = this.dir.resolve("performance.md");
		BenchmarkSuite.render(settings("--render", "--json", json.toString(), "--report", report.toString()));
		assertThat(Files.readString(report, StandardCharsets.UTF_8))
			.isEqualTo(Files.readString(Path.of("../docs/performance.md"), StandardCharsets.UTF_8));
	}

	@Test
	void mergedWhenTheCommittedResultsThenOnlyTheSecurityStageIsReplaced() throws IOException {
		String committed = Files.readString(Path.of("results/latest.json"), StandardCharsets.UTF_8);
		SuiteResults before = SuiteResults.readBack(BenchmarkSuite.JSON, committed);
		SecurityResults security = TestResults.security("2030-01-01T00:00:00Z", 2, 0.6, 0.97,
				TestResults.ipFlood(1480, 20, 400, 20, 600));
		SuiteResults run = TestResults.results(TestResults.settings(), "SECURITY");
		run.security = security;
		SuiteResults merged = BenchmarkSuite.merged(committed, run, EnumSet.of(Stage.SECURITY));
		assertThat(merged.security).isSameAs(security);
		assertThat(merged.authz).usingRecursiveComparison().isEqualTo(before.authz);
		assertThat(merged.run).isEqualTo(before.run);
		assertThat(merged.environment).isEqualTo(before.environment);
		assertThat(merged.load).isEqualTo(before.load);
		assertThat(merged.burst).isEqualTo(before.burst);
		assertThat(merged.memory).isEqualTo(before.memory);
		assertThat(merged.flood).isEqualTo(before.flood);
		assertThat(merged.jmh).isEqualTo(before.jmh);
		assertThat(merged.checks).isEqualTo(before.checks);
		assertThat(merged.verdicts).isEmpty();
		merged.verdicts.addAll(Verdicts.of(merged));
		String report = new Report(merged).render();
		assertThat(report).contains("## A flood of 1,500 logins against 1,000 pending at most")
			.contains("## Sign-in through Spring Security")
			.contains("Measured on 2030-01-01T00:00:00Z with `benchmarks/run --only security --merge` (14.5 minutes), "
					+ "commit def5678, and merged into the results of the run above (`--merge`)")
			.contains("; security merged from a later run (see its section)");
	}

	@Test
	void mergedWhenTheAuthzStageRanThenOnlyItIsReplaced() throws IOException {
		String committed = Files.readString(Path.of("results/latest.json"), StandardCharsets.UTF_8);
		SuiteResults before = SuiteResults.readBack(BenchmarkSuite.JSON, committed);
		SuiteResults run = TestResults.results(TestResults.settings(), "AUTHZ");
		run.authz = TestResults.authz("2030-01-02T00:00:00Z", 3, 0.9, 0.95);
		run.security = TestResults.security("2030-01-02T00:00:00Z", 1, 0.6, 0.97, null);
		SuiteResults merged = BenchmarkSuite.merged(committed, run, EnumSet.of(Stage.AUTHZ));
		assertThat(merged.authz).isSameAs(run.authz);
		assertThat(merged.security.sessions).isEqualTo(before.security.sessions);
		assertThat(merged.run).isEqualTo(before.run);
		assertThat(merged.load).isEqualTo(before.load);
		merged.verdicts.addAll(Verdicts.of(merged));
		Report report = new Report(merged);
		assertThat(report.authzMerged()).isTrue();
		assertThat(report.render()).contains("## Authorization: personal access tokens and roles")
			.contains("Measured on 2030-01-02T00:00:00Z with `benchmarks/run --only authz --merge` (12.5 minutes), "
					+ "commit fed9876, and merged into the results of the run above (`--merge`)")
			.contains("; authz merged from a later run (see its section)");
	}

	@Test
	void mergedWhenJmhRanThenOnlyItsRowsAreReplacedAndTheirRunNamed() throws IOException {
		String committed = Files.readString(Path.of("results/latest.json"), StandardCharsets.UTF_8);
		SuiteResults before = SuiteResults.readBack(BenchmarkSuite.JSON, committed);
		SuiteResults run = TestResults.results(TestResults.settings(), "JMH");
		run.jmh = List.of(new SuiteResults.JmhScore("PermissionSetBenchmark.wildcardHit", "", 1, "avgt", 42.0, 1.0,
				"ns/op"));
		run.jmhRun = new SuiteResults.RunInfo("2030-01-03T00:00:00Z", "2030-01-03T00:05:00Z", 5.0,
				"benchmarks/run --only jmh --merge", false, List.of("JMH"), false, before.run.settings());
		run.jmhGitCommit = "abc1234";
		SuiteResults merged = BenchmarkSuite.merged(committed, run, EnumSet.of(Stage.JMH));
		assertThat(merged.jmh).isEqualTo(run.jmh);
		assertThat(merged.load).isEqualTo(before.load);
		assertThat(merged.run).isEqualTo(before.run);
		merged.verdicts.addAll(Verdicts.of(merged));
		assertThat(new Report(merged).render()).contains("| `PermissionSetBenchmark.wildcardHit` |")
			.contains("Measured on 2030-01-03T00:00:00Z with `benchmarks/run --only jmh --merge` (5.0 minutes), "
					+ "commit abc1234, and merged into the results of the run above (`--merge`)");
	}

	@Test
	void renderWhenTheAuthzStageRanThenItsSectionShowsBothComparisons() {
		SuiteResults results = TestResults.results(TestResults.settings(), "AUTHZ");
		results.authz = TestResults.authz(results.run.startedAt(), 2, 0.8, 0.95);
		results.verdicts.addAll(Verdicts.of(results));
		Report report = new Report(results);
		String text = report.render();
		assertThat(report.authzMerged()).isFalse();
		assertThat(text).contains("| " + Verdicts.PAT_TARGET + " | personal access tokens vs anonymous requests, 64 "
				+ "users (median of 2 rounds) | 80.0 % | ≥ 85.0 % | **missed** |")
			.contains("as part of the run above. Every figure of this section is reproduced by "
					+ "`benchmarks/run --only authz --merge`.")
			.contains("Their limit of sign-in attempts per client address is raised to 1,000,000,000")
			.contains("### Personal access tokens next to anonymous requests")
			.contains("| personal access tokens, round 2 | 4,000 | 80 % |")
			.contains("| personal access tokens | 4,000 | 80 % | 9.33 | 28.00 | 0.125 |")
			.contains("Requests with a personal access token are served at **80.0 % of the anonymous requests/s** "
					+ "(target ≥ 85 %: missed). Per request personal access tokens used 0.125 ms")
			.contains("### Signed-in sessions with roles next to the same without")
			.contains("| sessions with RBAC, round 1 | 3,800 | 95 % |")
			.contains("Sessions with roles are served at **95.0 % of the requests/s without roles** (target ≥ 90 %: "
					+ "met).")
			.contains("10 s of warm-up, then 20 s measured")
			.contains("How busy the machine was: before the stage its load averages were 0.25 / 0.50 / 1.00")
			.contains("- a check of the authz stage")
			.doesNotContain("## PAT-authenticated requests");
	}

	@Test
	void renderWhenTheClusterStageRanThenItsSectionShowsLoginsSessionsAndRedis() {
		SuiteResults results = TestResults.results(TestResults.settings(), "CLUSTER");
		results.cluster = TestResults.cluster(results.run.startedAt(), 2, 0.8, 1.5, 0.75);
		results.verdicts.addAll(Verdicts.of(results));
		Report report = new Report(results);
		String text = report.render();
		assertThat(report.clusterMerged()).isFalse();
		assertThat(text).contains("## Several instances on Redis")
			.contains("as part of the run above. Every figure of this section is reproduced by "
					+ "`benchmarks/run --only cluster --merge`.")
			.contains("| " + Verdicts.CLUSTER_P50_TARGET + " | pending logins on Redis vs pending logins in memory, "
					+ "64 users (median of 2 rounds) | 1.50 ms | ≤ 2.00 ms | **met** |")
			.contains("| " + Verdicts.CLUSTER_THROUGHPUT_TARGET + " | pending logins on Redis vs pending logins in "
					+ "memory, 64 users (median of 2 rounds) | 80.0 % | ≥ 70.0 % | **met** |")
			.contains("| " + Verdicts.CLUSTER_SESSIONS_TARGET + " | Redis sessions vs in-memory sessions, 64 users "
					+ "(median of 2 rounds) | 75.0 %")
			.contains("Each app is 2 instances of the plain app")
			.contains("`altscodex.pending.store=redis` on Redis 7.0.15 at redis://127.0.0.1:6379 (pid 42, this machine)")
			.contains("### Full logins: pending logins on Redis next to memory")
			.contains("| pending logins on Redis, round 2 | 800 | 80 % |")
			.contains("| pending logins on Redis | 800 | 80 % | 21.50 | 64.50 | 0.500 |")
			.contains("On Redis, the p50 is **+1.50 ms** against memory mode (target ≤ +2 ms: met) and the "
					+ "throughput **80.0 %** of memory mode's (target ≥ 70 %: met).")
			.contains("### Signed-in sessions: Redis sessions next to in-memory sessions")
			.contains("| Redis sessions, round 1 | 3,000 | 75 % |")
			.contains("Redis sessions are served at **75.0 % of the in-memory sessions' requests/s** (no target), "
					+ "p50 +5.00 ms.")
			.contains("| pending logins on Redis | 2 | 0.40 | 0.050 | 2 % |")
			.contains("10 s of warm-up, then 20 s measured")
			.contains("- a check of the cluster stage");
	}

	@Test
	void renderWhenTheClusterStageDidNotRunThenItsSectionSaysHowToMeasureIt() {
		SuiteResults results = TestResults.results(TestResults.settings(), "LOAD");
		results.verdicts.addAll(Verdicts.of(results));
		assertThat(new Report(results).render()).contains("## Several instances on Redis\n\n"
				+ "Not measured in this run: the cluster stage did not run (`benchmarks/run --only cluster --merge`");
	}

	@Test
	void readBackWhenTheClusterStageRanThenEverythingIsRead() {
		SuiteResults results = TestResults.results(TestResults.settings(), "CLUSTER");
		results.cluster = TestResults.cluster("2026-12-03T10:00:00Z", 2, 0.8, 1.5, 0.75);
		results.verdicts.addAll(Verdicts.of(results));
		JsonMapper pretty = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		SuiteResults read = SuiteResults.readBack(BenchmarkSuite.JSON, pretty.writeValueAsString(results));
		assertThat(read.cluster.logins).isEqualTo(results.cluster.logins);
		assertThat(read.cluster.sessions).isEqualTo(results.cluster.sessions);
		assertThat(read.cluster.redisCpu).isEqualTo(results.cluster.redisCpu);
		assertThat(read.cluster.redis).isEqualTo(results.cluster.redis);
		assertThat(Verdicts.of(read)).isEqualTo(results.verdicts);
	}

	@Test
	void mergedWhenTheClusterStageRanThenOnlyItIsReplaced() throws IOException {
		String committed = Files.readString(Path.of("results/latest.json"), StandardCharsets.UTF_8);
		SuiteResults before = SuiteResults.readBack(BenchmarkSuite.JSON, committed);
		SuiteResults run = TestResults.results(TestResults.settings(), "CLUSTER");
		run.cluster = TestResults.cluster("2030-01-04T00:00:00Z", 3, 0.8, 1.5, 0.75);
		SuiteResults merged = BenchmarkSuite.merged(committed, run, EnumSet.of(Stage.CLUSTER));
		assertThat(merged.cluster).isSameAs(run.cluster);
		assertThat(merged.authz).usingRecursiveComparison().isEqualTo(before.authz);
		assertThat(merged.run).isEqualTo(before.run);
		assertThat(merged.load).isEqualTo(before.load);
		merged.verdicts.addAll(Verdicts.of(merged));
		Report report = new Report(merged);
		assertThat(report.clusterMerged()).isTrue();
		assertThat(report.render()).contains("## Several instances on Redis")
			.contains("Measured on 2030-01-04T00:00:00Z with `benchmarks/run --only cluster --merge` (16.5 minutes), "
					+ "commit cab1234, and merged into the results of the run above (`--merge`)")
			.contains("; cluster merged from a later run (see its section)");
	}

	@Test
	void renderWhenTheAuthzStageDidNotRunThenItsSectionSaysHowToMeasureIt() {
		SuiteResults results = TestResults.results(TestResults.settings(), "LOAD");
		results.verdicts.addAll(Verdicts.of(results));
		assertThat(new Report(results).render()).contains("## Authorization: personal access tokens and roles\n\n"
				+ "Not measured in this run: the authz stage did not run (`benchmarks/run --only authz --merge`");
	}

	@Test
	void readBackWhenTheAuthzStageRanThenEverythingIsRead() {
		SuiteResults results = TestResults.results(TestResults.settings(), "AUTHZ");
		results.authz = TestResults.authz("2026-12-03T10:00:00Z", 2, 0.9, 0.95);
		results.verdicts.addAll(Verdicts.of(results));
		JsonMapper pretty = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		SuiteResults read = SuiteResults.readBack(BenchmarkSuite.JSON, pretty.writeValueAsString(results));
		assertThat(read.authz.pat).isEqualTo(results.authz.pat);
		assertThat(read.authz.rbac).isEqualTo(results.authz.rbac);
		assertThat(read.authz.machine).isEqualTo(results.authz.machine);
		assertThat(Verdicts.of(read)).isEqualTo(results.verdicts);
	}

	@Test
	void renderWhenTheSecurityStageRanThenItsSectionShowsEveryComparison() {
		SuiteResults results = TestResults.results(TestResults.settings(), "SECURITY");
		results.security = TestResults.security(results.run.startedAt(), 2, 0.6, 0.9,
				TestResults.ipFlood(1480, 20, 400, 20, 600));
		results.verdicts.addAll(Verdicts.of(results));
		Report report = new Report(results);
		String text = report.render();
		assertThat(report.securityMerged()).isFalse();
		assertThat(text).contains("| Full JWT logins through the starter's default chain: throughput share of the "
				+ "plain app's login, and p99 of both | starter's default chain vs starter, plain; 64 users (median of 2 "
				+ "rounds) | 60.0 % (600 against 1,000 logins/s); p99 100.0 ms against 80.0 ms | no target: reported | "
				+ "reported |  |")
			.contains("as part of the run above. Every figure of this section is reproduced by "
					+ "`benchmarks/run --only security --merge`.")
			.contains("its limit of sign-in attempts per client address is raised to 1,000,000,000 in the closed loops")
			.contains("### Full logins: the starter's chain next to the plain app's own login")
			.contains("| starter's default chain, round 2 | 600 | 60 % |")
			.contains("| starter's default chain | 600 | 60 % | 33.33 | 100.00 | 0.667 |")
			.contains("The starter's chain signs users in at **60 % of the plain app's throughput**, p99 100.0 ms "
					+ "against 80.0 ms")
			.contains("### Requests of signed-in sessions: the starter's chain next to Spring Security's own")
			.contains("The starter's chain serves **90.0 % of Spring Security's own chain's requests/s** (target ≥ "
					+ "95 %: missed).")
			.contains("### A flood of 1,500 logins from one address")
			.contains("| the flood's refusals | 127.0.0.2 | 1,480 429 sign-in-rate-limited | 250.0 / 480.0 / 500.0 | "
					+ "200.0 / 400.0 / 410.0 | 0.1 / 12.5 / 25.0 | - |")
			.contains("| the users | 127.0.0.3 | 20 ok | 300.0 / 600.0 / 600.0 | 290.0 / 590.0 / 590.0 | | 20 |")
			.contains("the users' logins went out 121.0 ms after the flood began, when 300 of its logins had their answer")
			.contains("How busy the machine was: before the stage its load averages were 0.50 / 1.25 / 2.00 (1, 5 and "
					+ "15 minutes), and 2 % of its cores were busy over 3 s (the busiest processes: `java Launcher` 2 %). "
					+ "During its 8 measured windows, processes other than the app, the simulator and the load "
					+ "generator took 1 % of the machine (median; at most 1 %).")
			.contains("- a check of the stage");
	}

	@Test
	void readBackWhenTheSecurityStageRanThenEverythingIsRead() {
		SuiteResults results = TestResults.results(TestResults.settings(), "SECURITY");
		results.security = TestResults.security("2026-12-02T10:00:00Z", 2, 0.6, 0.97,
				TestResults.ipFlood(1480, 20, 400, 20, 600));
		results.verdicts.addAll(Verdicts.of(results));
		JsonMapper pretty = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		SuiteResults read = SuiteResults.readBack(BenchmarkSuite.JSON, pretty.writeValueAsString(results));
		assertThat(read.security.logins).isEqualTo(results.security.logins);
		assertThat(read.security.sessions).isEqualTo(results.security.sessions);
		assertThat(read.security.ipFlood).isEqualTo(results.security.ipFlood);
		assertThat(read.security.machine).isEqualTo(results.security.machine);
		assertThat(Verdicts.of(read)).isEqualTo(results.verdicts);
	}

	private static SuiteSettings settings(String... args) {
		return SuiteSettings.from(Args.parse(args));
	}

	private static RunSettings settingsOf(String command) {
		return new RunSettings(run(command, Map.of()));
	}

	private static RunInfo run(String command, Map<String, Object> settings) {
		return new RunInfo("2026-12-01T00:00:00Z", "2026-12-01T00:01:00Z", 1, command, false, List.of("LOAD"), false,
				settings);
	}

}
