package com.altscodex.benchmarks.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.altscodex.benchmarks.load.Results;
import com.altscodex.benchmarks.suite.SuiteResults.ClassDelta;
import com.altscodex.benchmarks.suite.SuiteResults.CpuUse;
import com.altscodex.benchmarks.suite.SuiteResults.Environment;
import com.altscodex.benchmarks.suite.SuiteResults.FloodRun;
import com.altscodex.benchmarks.suite.SuiteResults.LoadRun;
import com.altscodex.benchmarks.suite.SuiteResults.MemoryRun;
import com.altscodex.benchmarks.suite.SuiteResults.RunInfo;

/**
 * Results of made-up runs, for tests of what the report and the verdicts derive from
 * them.
 */
final class TestResults {

	static final String BUSY_TYPE = "https://altscodex.com/problems/sign-in-busy";

	private TestResults() {
	}

	static SuiteResults results(Map<String, Object> settings, String... stages) {
		SuiteResults results = new SuiteResults();
		results.run = new RunInfo("2026-12-01T00:00:00Z", "2026-12-01T00:05:00Z", 5, "benchmarks/run", false,
				List.of(stages), false, settings);
		results.environment = new Environment("Test CPU", 4, 8L << 30, "Test OS", "6.0", "Test JVM", "/jdk", 20_000, 100,
				Map.of("JMH", "1.37"), "abc1234", Map.of("app", List.of("-Xmx1g")));
		return results;
	}

	static Map<String, Object> settings() {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("users", List.of(1, 64));
		settings.put("warmupSeconds", 7.0);
		settings.put("measureSeconds", 11.0);
		settings.put("transport", "nio");
		settings.put("note", "A note from the results file");
		return settings;
	}

	static Results.Latency latency(double p50, double p99, double max) {
		return new Results.Latency(100, p50, p50, p99, max, max, p50);
	}

	static Results.Errors noErrors() {
		return new Results.Errors(0, Map.of(), 0, Map.of(), 0, 0);
	}

	/**
	 * A load run whose figures follow from the arguments, in a window of 10 s on 2 cores.
	 */
	static LoadRun load(Subject subject, int users, double loginsPerSecond, double p50, double p99, double appCpuMs,
			double simulatorCpuMs, double loadGeneratorCpuMs, double otherShare) {
		double window = 10;
		long logins = Math.round(loginsPerSecond * window);
		double app = appCpuMs * logins / 1000;
		double simulator = simulatorCpuMs * logins / 1000;
		double loadGenerator = loadGeneratorCpuMs * logins / 1000;
		double machine = app + simulator + loadGenerator + otherShare * window * 2;
		CpuUse cpu = new CpuUse(window, app, simulator, loadGenerator, machine, 2,
				Map.of("event loops", app * 0.9, "JIT compiler", app * 0.05, "GC", app * 0.05));
		Results.ClosedLoop result = new Results.ClosedLoop("t", users, 1, window, logins, loginsPerSecond,
				latency(p50, p99, p99 * 2), noErrors(), 0);
		return new LoadRun(subject.key, users, 1, result, cpu, appCpuMs, 90_000);
	}

	/**
	 * A load run as {@link #load}, in a given round.
	 */
	static LoadRun load(Subject subject, int round, int users, double loginsPerSecond, double p99, double appCpuMs,
			double otherShare) {
		LoadRun run = load(subject, users, loginsPerSecond, p99 / 3, p99, appCpuMs, 0.1, 0.2, otherShare);
		return new LoadRun(run.variant(), users, round, run.result(), run.cpu(), run.appCpuMsPerLogin(),
				run.appAllocatedBytesPerLogin());
	}

	/**
	 * A security stage of {@code rounds} rounds at 64 users: logins of the plain app at
	 * 1,000/s and of the starter's chain at {@code securedShare} of that; requests of
	 * Spring Security's chain at 4,000/s and of the starter's at {@code sessionShare} of
	 * that; the flood from one address as {@link #ipFlood}.
	 */
	static SecurityResults security(String startedAt, int rounds, double securedShare, double sessionShare,
			SecurityResults.@org.jspecify.annotations.Nullable IpFloodRun flood) {
		SecurityResults security = new SecurityResults();
		security.run = new RunInfo(startedAt, startedAt, 14.5, "benchmarks/run --only security --merge", false,
				List.of("SECURITY"), false, Map.of("securityUsers", 64, "securityLoadRateLimit", 1_000_000_000L,
						"warmupSeconds", 10.0, "measureSeconds", 20.0, "ipFloodWarmupHoldSeconds", 6.0,
						"ipFloodWarmupExtraRounds", 20));
		security.gitCommit = "def5678";
		security.machine = new SecurityResults.MachineLoad(List.of(0.5, 1.25, 2.0), 3, 0.02,
				List.of(new SecurityResults.ProcessShare(42, "java Launcher", 0.015)));
		for (int round = 1; round <= rounds; round++) {
			security.logins.add(load(Subject.PLAIN, round, 64, 1000, 80, 0.4, 0.01));
			security.logins.add(load(Subject.SECURED, round, 64, 1000 * securedShare, 100, 0.4 / securedShare, 0.01));
			security.sessions.add(load(Subject.FORM_LOGIN, round, 64, 4000, 30, 0.12, 0.01));
			security.sessions.add(load(Subject.SECURED, round, 64, 4000 * sessionShare, 32, 0.12 / sessionShare, 0.01));
		}
		security.ipFlood = flood;
		security.checks.add("a check of the stage");
		return security;
	}

	/**
	 * An authz stage of {@code rounds} rounds at 64 users: anonymous requests at 5,000/s
	 * and requests with a token at {@code patShare} of that; sessions without roles at
	 * 4,000/s and with roles at {@code rbacShare} of that. The CPU per request follows the
	 * throughput.
	 */
	static AuthzResults authz(String startedAt, int rounds, double patShare, double rbacShare) {
		AuthzResults authz = new AuthzResults();
		authz.run = new RunInfo(startedAt, startedAt, 12.5, "benchmarks/run --only authz --merge", false,
				List.of("AUTHZ"), false, Map.of("authzUsers", 64, "authzRounds", rounds, "authzSignInRateLimit",
						1_000_000_000L, "warmupSeconds", 10.0, "measureSeconds", 20.0));
		authz.gitCommit = "fed9876";
		authz.machine = new SecurityResults.MachineLoad(List.of(0.25, 0.5, 1.0), 3, 0.01, List.of());
		for (int round = 1; round <= rounds; round++) {
			authz.pat.add(load(Subject.ANONYMOUS, round, 64, 5000, 25, 0.1, 0.01));
			authz.pat.add(load(Subject.PAT, round, 64, 5000 * patShare, 28, 0.1 / patShare, 0.01));
			authz.rbac.add(load(Subject.WITHOUT_RBAC, round, 64, 4000, 30, 0.12, 0.01));
			authz.rbac.add(load(Subject.RBAC, round, 64, 4000 * rbacShare, 33, 0.12 / rbacShare, 0.01));
		}
		authz.checks.add("a check of the authz stage");
		return authz;
	}

	/**
	 * A cluster stage of {@code rounds} rounds at 64 users: logins in memory at 1,000/s
	 * with a p99 of 60 ms (p50 20 ms), on Redis at {@code loginShare} of that with a p50
	 * {@code p50Extra} ms higher; in-memory sessions at 4,000/s, Redis sessions at
	 * {@code sessionShare} of that. The CPU per login follows the throughput; Redis used
	 * 0.05 ms per login.
	 */
	static ClusterResults cluster(String startedAt, int rounds, double loginShare, double p50Extra,
			double sessionShare) {
		ClusterResults cluster = new ClusterResults();
		cluster.run = new RunInfo(startedAt, startedAt, 16.5, "benchmarks/run --only cluster --merge", false,
				List.of("CLUSTER"), false, Map.of("clusterUsers", 64, "clusterRounds", rounds, "clusterInstances", 2,
						"clusterRedis", "redis://127.0.0.1:6379", "clusterSignInRateLimit", 1_000_000_000L,
						"warmupSeconds", 10.0, "measureSeconds", 20.0));
		cluster.gitCommit = "cab1234";
		cluster.redis = "Redis 7.0.15 at redis://127.0.0.1:6379 (pid 42, this machine)";
		cluster.machine = new SecurityResults.MachineLoad(List.of(0.25, 0.5, 1.0), 3, 0.01, List.of());
		for (int round = 1; round <= rounds; round++) {
			cluster.logins.add(load(Subject.CLUSTER_MEMORY, round, 64, 1000, 60, 0.4, 0.01));
			LoadRun redis = load(Subject.CLUSTER_REDIS, round, 64, 1000 * loginShare, 60 + 3 * p50Extra,
					0.4 / loginShare, 0.03);
			cluster.logins.add(redis);
			cluster.sessions.add(load(Subject.MEMORY_SESSIONS, round, 64, 4000, 30, 0.12, 0.01));
			cluster.sessions.add(load(Subject.REDIS_SESSIONS, round, 64, 4000 * sessionShare, 45,
					0.12 / sessionShare, 0.04));
			cluster.redisCpu.add(new ClusterResults.RedisCpu(Subject.CLUSTER_REDIS.key, round,
					0.05 * redis.result().logins() / 1000, 0.05, 0.02));
		}
		cluster.checks.add("a check of the cluster stage");
		return cluster;
	}

	/**
	 * A flood of 1,500 logins from 127.0.0.2, {@code refused} of them answered 429 within
	 * {@code refusalP99} ms of their request written and the others held by DeOAuth for
	 * 30 s, {@code authorize} of them at DeOAuth; 20 users from 127.0.0.3, {@code usersOk}
	 * of them signed in (the others refused 429), with a p99 of {@code usersP99} ms.
	 */
	static SecurityResults.IpFloodRun ipFlood(long refused, long authorize, double refusalP99, long usersOk,
			double usersP99) {
		List<Results.AnswerKind> flood = new ArrayList<>();
		flood.add(new Results.AnswerKind("429 sign-in-rate-limited", 429,
				"https://altscodex.com/problems/sign-in-rate-limited", refused,
				latency(refusalP99 / 2 + 50, refusalP99 + 80, refusalP99 + 100), latency(refusalP99 / 2, refusalP99,
						refusalP99 + 10),
				Map.of("1", refused), Map.of("application/problem+json", refused)));
		if (refused < 1500) {
			flood.add(ok(1500 - refused));
		}
		List<Results.AnswerKind> users = new ArrayList<>();
		users.add(new Results.AnswerKind("ok", 200, null, usersOk, latency(usersP99 / 2, usersP99, usersP99),
				latency(usersP99 / 2 - 10, usersP99 - 10, usersP99 - 10), Map.of("none", usersOk),
				Map.of("application/json", usersOk)));
		if (usersOk < 20) {
			users.add(new Results.AnswerKind("429 sign-in-rate-limited", 429,
					"https://altscodex.com/problems/sign-in-rate-limited", 20 - usersOk, latency(5, 9, 9),
					latency(4, 8, 8), Map.of("1", 20 - usersOk), Map.of("application/problem+json", 20 - usersOk)));
		}
		return new SecurityResults.IpFloodRun(30, 35, 20, 1, 1,
				new Results.IpFlood("t", 1500, "127.0.0.2", 20, "127.0.0.3", 120.5, 121.0, 300, 30.4, flood, users),
				authorize, usersOk, new Results.Latency(refused, 0.1, 0.2, 12.5, 20, 25, 0.4),
				new CpuUse(0.8, 0.9, 0.1, 0.5, 1.58, 2, Map.of("event loops", 0.8, "JIT compiler", 0.02, "GC", 0.03)), 0,
				null);
	}

	static MemoryRun memory(Subject subject, String protocol, double bytesPerLogin, List<ClassDelta> classes) {
		return new MemoryRun(subject.key, protocol, 10_000, 10_000, 20L << 20, (20L << 20) + (long) (bytesPerLogin * 10_000),
				bytesPerLogin, 0, 0, classes, null);
	}

	/**
	 * Answers of one kind whose latency from the request written is {@code p50},
	 * {@code p99} and {@code max}, and from the login sent 500, 800 and 900 ms more.
	 */
	static Results.AnswerKind answer(String kind, int status, long count, double p50, double p99, double max,
			Map<String, Long> retryAfter, Map<String, Long> contentType) {
		return new Results.AnswerKind(kind, status, kind.startsWith("503 ") ? BUSY_TYPE : null, count,
				latency(p50 + 500, p99 + 800, max + 900), latency(p50, p99, max), retryAfter, contentType);
	}

	static Results.AnswerKind busy(long count, double p99) {
		return answer("503 sign-in-busy", 503, count, p99 / 2, p99, p99 * 1.5, Map.of("1", count),
				Map.of("application/problem+json", count));
	}

	static Results.AnswerKind ok(long count) {
		return answer("ok", 200, count, 29_600, 29_800, 30_000, Map.of("none", count), Map.of("application/json", count));
	}

	/**
	 * A flood of 1,500 logins, {@code pending} held at the peak with {@code bytesPerLogin}
	 * each, every one of them answered after the hold and none pending after.
	 */
	static FloodRun flood(Subject subject, boolean bounded, List<Results.AnswerKind> answers, long authorize,
			int pending, double bytesPerLogin, List<ClassDelta> classes) {
		long before = 100L << 20;
		long peak = before + Math.round(bytesPerLogin * pending);
		return new FloodRun(subject.key, bounded, bounded ? 1000 : 1_000_000, 1500, 30, 35, 1500,
				new Results.Flood("t", 1500, 1000, 1500, 0, Results.Flood.ON_SOCKETS, 31, new ArrayList<>(answers)), pending,
				bounded ? 1500 - pending : 0, bounded ? (long) (1500 - pending) : null, bounded ? 2.5 : null,
				bounded ? new Results.Latency(500, 1.5, 2, 3.5, 6, 6, 1.8) : null, authorize,
				authorize, authorize,
				before, peak, before + 100_000, 3.5,
				new CpuUse(3.5, 3, 1, 2, 6.9, 2, Map.of("event loops", 1.6, "JIT compiler", 1.2, "GC", 0.1, "other threads", 0.1)),
				0, classes, null);
	}

	static FloodRun boundedFlood(Subject subject, double p99, double bytesPerLogin) {
		return flood(subject, true, List.of(ok(1000), busy(500, p99)), 1000, 1000, bytesPerLogin,
				List.of(new ClassDelta("[B", 4000, 2)));
	}

	static FloodRun baselineFlood(Subject subject, double bytesPerLogin) {
		return flood(subject, false, List.of(ok(1500)), 1500, 1500, bytesPerLogin,
				List.of(new ClassDelta("[B", 3000, 2)));
	}

}
