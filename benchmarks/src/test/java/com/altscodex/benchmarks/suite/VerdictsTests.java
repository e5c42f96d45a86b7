package com.altscodex.benchmarks.suite;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.altscodex.benchmarks.load.Results;
import com.altscodex.benchmarks.suite.SuiteResults.ClassDelta;
import com.altscodex.benchmarks.suite.SuiteResults.FloodRun;
import com.altscodex.benchmarks.suite.SuiteResults.ProfileRun;
import com.altscodex.benchmarks.suite.SuiteResults.Share;
import com.altscodex.benchmarks.suite.SuiteResults.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictsTests {

	// the security stage

	@Test
	void securityWhenTheStartersChainKeepsUpThenEveryTargetIsMetAndTheLoginIsReported() {
		SuiteResults results = TestResults.results(TestResults.settings(), "SECURITY");
		results.security = TestResults.security("2026-12-02T10:00:00Z", 3, 0.6, 0.97,
				TestResults.ipFlood(1480, 20, 400, 20, 600));
		List<Verdict> security = securityVerdicts(results);
		assertThat(security).hasSize(6);
		Verdict login = security.get(0);
		assertThat(login.met()).isNull();
		assertThat(login.required()).isEqualTo(Verdicts.NO_TARGET);
		assertThat(login.subject()).isEqualTo("starter's default chain vs starter, plain; 64 users (median of 3 rounds)");
		assertThat(login.measured()).isEqualTo("60.0 % (600 against 1,000 logins/s); p99 100.0 ms against 80.0 ms");
		assertThat(login.why()).startsWith("Per login the secured app used 0.667 ms of CPU against 0.400 ms for the "
				+ "plain app's (+0.267 ms: event loops +0.240 ms, threads other than the event loops, the JIT compilers "
				+ "and GC +0.000 ms, JIT +0.013 ms, GC +0.013 ms)");
		assertThat(security.subList(1, 6)).allSatisfy((verdict) -> assertThat(verdict.met()).isTrue());
		assertThat(security.get(1).measured()).isEqualTo("97.0 %");
		assertThat(security.get(1).required()).isEqualTo("≥ 95.0 %");
		assertThat(security.get(2).measured())
			.isEqualTo("1,480 × 429 sign-in-rate-limited (Retry-After: 1,480, application/problem+json: 1,480)");
		assertThat(security.get(2).margin()).isEqualTo("exact");
		assertThat(security.get(3).measured()).isEqualTo("400.0 ms (p50 200.0, max 410.0)");
		assertThat(security.get(4).measured()).isEqualTo("20");
		assertThat(security.get(4).required()).isEqualTo("≤ 20 (the limit's capacity)");
		assertThat(security.get(5).measured()).isEqualTo("20 of 20 signed in, p99 600.0 ms (p50 300.0)");
		assertThat(security.get(5).subject())
			.isEqualTo("starter's default chain, 1,500 logins at once from 127.0.0.2; 20 users from 127.0.0.3");
	}

	@Test
	void sessionsWhenTheStartersChainIsSlowerThanTheBoundThenMissedWithBothChainsCosts() {
		SuiteResults results = TestResults.results(TestResults.settings(), "SECURITY");
		results.security = TestResults.security("2026-12-02T10:00:00Z", 3, 0.6, 0.9, null);
		Verdict sessions = securityVerdicts(results).get(1);
		assertThat(sessions.met()).isFalse();
		assertThat(sessions.measured()).isEqualTo("90.0 %");
		assertThat(sessions.margin()).isEqualTo("5.0 % below (5 % of the bound)");
		assertThat(sessions.why()).startsWith("Per request the starter's chain used 0.133 ms of the app's CPU against "
				+ "0.120 ms for Spring Security's form-login chain (+0.013 ms, 111 %;")
			.contains("p99 32.0 ms against 30.0 ms.");
		assertThat(securityVerdicts(results).get(2).measured()).isEqualTo("not measured");
	}

	@Test
	void sessionsWhenBothChainsWereProfiledThenTheExplanationComparesTheirProfiles() {
		SuiteResults results = TestResults.results(TestResults.settings(), "SECURITY");
		results.security = TestResults.security("2026-12-02T10:00:00Z", 1, 0.6, 0.8, null);
		results.security.profiles.add(profile(Subject.SECURED, List.of(new Share("Reactor Core", 0.35, 175),
				new Share("Spring Security", 0.03, 15)), List.of(new Share("com.altscodex.spring.security.AltsCodexUser.toString", 0.02, 10)),
				0.03, 117_000, List.of(new Share("org.springframework.core.log.LogMessage$FormatMessage1.buildString", 0.134, 1),
						new Share("org.springframework.web.server.handler.DefaultWebFilterChain.invokeFilter", 0.071, 1))));
		results.security.profiles.add(profile(Subject.FORM_LOGIN, List.of(new Share("Reactor Core", 0.27, 150),
				new Share("Spring Security", 0.2, 110)), List.of(), 0, 75_000,
				List.of(new Share("org.springframework.web.server.handler.DefaultWebFilterChain.invokeFilter", 0.086, 1))));
		Verdict sessions = securityVerdicts(results).get(1);
		assertThat(sessions.met()).isFalse();
		assertThat(sessions.why()).endsWith("In their JFR profiles the largest components by samples are, for the "
				+ "starter's chain, Reactor Core 35 %, Spring Security 3 %, and for Spring Security's, Reactor Core 27 %, "
				+ "Spring Security 20 %; starter code is on the stack in 3 % of the starter chain's samples, most of all "
				+ "`com.altscodex.spring.security.AltsCodexUser.toString` 2 %; allocated per request (JFR's allocation "
				+ "samples): 117,000 against 75,000 bytes, the largest sites of the starter's chain "
				+ "`org.springframework.core.log.LogMessage$FormatMessage1.buildString` 13 %, "
				+ "`org.springframework.web.server.handler.DefaultWebFilterChain.invokeFilter` 7 %, of Spring Security's "
				+ "`org.springframework.web.server.handler.DefaultWebFilterChain.invokeFilter` 9 %.");
	}

	private static ProfileRun profile(Subject subject, List<Share> components, List<Share> starterMethods,
			double starterShare, double allocatedPerRequest, List<Share> allocationSites) {
		return new ProfileRun(subject.key, 64, "benchmarks/target/profiles/" + subject.key + ".jfr", 50_000, 500,
				components, List.of(), starterShare, starterMethods, allocatedPerRequest, allocationSites, 10, 20);
	}

	@Test
	void ipFloodWhenTheRefillLetsOneMoreThroughAndAUserIsRefusedThenMissedAndExplained() {
		SecurityResults.IpFloodRun run = TestResults.ipFlood(1479, 21, 1200, 19, 1100);
		String on = Verdicts.ipFloodSubject(run);
		Verdict refusals = Verdicts.ipFloodRefusals(run, on);
		assertThat(refusals.met()).isFalse();
		assertThat(refusals.margin()).isEqualTo("-1 refused, 0 unanswered");
		Verdict latency = Verdicts.ipFloodRefusalLatency(run, on);
		assertThat(latency.met()).isFalse();
		assertThat(latency.why()).startsWith("The 1,500 logins were written in 120.5 ms on connections opened before; "
				+ "from the flood's start their refusals took p50 650.0 / p99 1,280.0 / max 1,300.0 ms. Inside the app")
			.contains("the app used 0.609 ms of CPU per refusal over that time (the users' sign-ins included)");
		Verdict authorize = Verdicts.ipFloodAuthorize(run, on);
		assertThat(authorize.met()).isFalse();
		assertThat(authorize.margin()).isEqualTo("+1 requests");
		assertThat(authorize.why()).startsWith("The limit lets 20 attempts through at once and 1 more every 1 s; from "
				+ "the flood's start to its last refusal answered 1.30 s passed, so the refill let more through.");
		Verdict users = Verdicts.ipFloodUsers(run, on);
		assertThat(users.met()).isFalse();
		assertThat(users.measured()).isEqualTo("19 of 20 signed in, p99 1,100.0 ms (p50 550.0)");
		assertThat(users.why()).startsWith("The users' answers by kind: 19 ok, 1 429 sign-in-rate-limited; they were "
				+ "sent 121.0 ms after the flood began, when 300 of its 1,500 logins had been answered.");
	}

	@Test
	void securityWhenTheStageDidNotRunThenNoVerdictOfIt() {
		SuiteResults results = TestResults.results(TestResults.settings(), "LOAD");
		assertThat(securityVerdicts(results)).isEmpty();
	}

	private static List<Verdict> securityVerdicts(SuiteResults results) {
		return Verdicts.of(results)
			.stream()
			.filter((verdict) -> verdict.target().startsWith("Full JWT logins")
					|| verdict.target().startsWith("Requests of signed-in") || verdict.target().startsWith("IP flood"))
			.toList();
	}

	// the cluster stage

	@Test
	void clusterWhenRedisKeepsUpThenBothLoginTargetsAreMetAndSessionsReported() {
		SuiteResults results = TestResults.results(TestResults.settings(), "CLUSTER");
		results.cluster = TestResults.cluster("2026-12-03T10:00:00Z", 3, 0.8, 1.5, 0.75);
		List<Verdict> cluster = clusterVerdicts(results);
		assertThat(cluster).extracting(Verdict::target)
			.containsExactly(Verdicts.CLUSTER_P50_TARGET, Verdicts.CLUSTER_THROUGHPUT_TARGET,
					Verdicts.CLUSTER_SESSIONS_TARGET);
		assertThat(cluster.get(0).met()).isTrue();
		assertThat(cluster.get(0).subject())
			.isEqualTo("pending logins on Redis vs pending logins in memory, 64 users (median of 3 rounds)");
		assertThat(cluster.get(0).measured()).isEqualTo("1.50 ms");
		assertThat(cluster.get(0).required()).isEqualTo("≤ 2.00 ms");
		assertThat(cluster.get(1).met()).isTrue();
		assertThat(cluster.get(1).measured()).isEqualTo("80.0 %");
		assertThat(cluster.get(1).required()).isEqualTo("≥ 70.0 %");
		assertThat(cluster.get(2).met()).isNull();
		assertThat(cluster.get(2).required()).isEqualTo(Verdicts.NO_TARGET);
		assertThat(cluster.get(2).measured()).startsWith("75.0 % (3,000 against 4,000 requests/s; p50 15.00 against "
				+ "10.00 ms)");
	}

	@Test
	void clusterWhenRedisIsSlowThenBothLoginTargetsAreMissedWithTheRedisServersCpu() {
		SuiteResults results = TestResults.results(TestResults.settings(), "CLUSTER");
		results.cluster = TestResults.cluster("2026-12-03T10:00:00Z", 1, 0.6, 4, 0.75);
		List<Verdict> cluster = clusterVerdicts(results);
		assertThat(cluster.get(0).met()).isFalse();
		assertThat(cluster.get(0).measured()).isEqualTo("4.00 ms");
		assertThat(cluster.get(1).met()).isFalse();
		assertThat(cluster.get(1).measured()).isEqualTo("60.0 %");
		assertThat(cluster.get(1).why()).startsWith("Per login pending logins on Redis used 0.667 ms of the instances' "
				+ "CPU against 0.400 ms for pending logins in memory (+0.267 ms;")
			.contains("the Redis server used 0.050 ms per login (warm-up included)")
			.endsWith("p50 24.00 ms against 20.00 ms, p99 72.0 ms against 60.0 ms.");
	}

	@Test
	void clusterWhenTheStageDidNotRunThenNotMeasured() {
		SuiteResults results = TestResults.results(TestResults.settings(), "LOAD");
		assertThat(clusterVerdicts(results)).hasSize(3)
			.allSatisfy((verdict) -> assertThat(verdict.measured()).isEqualTo("not measured"));
	}

	private static List<Verdict> clusterVerdicts(SuiteResults results) {
		return Verdicts.of(results)
			.stream()
			.filter((verdict) -> verdict.target().startsWith("Full logins on Redis")
					|| verdict.target().startsWith("Signed-in sessions on Redis"))
			.toList();
	}

	// the authz stage

	@Test
	void authzWhenTokensAndRolesKeepUpThenBothTargetsAreMet() {
		SuiteResults results = TestResults.results(TestResults.settings(), "AUTHZ");
		results.authz = TestResults.authz("2026-12-03T10:00:00Z", 3, 0.9, 0.95);
		List<Verdict> authz = authzVerdicts(results);
		assertThat(authz).extracting(Verdict::target).containsExactly(Verdicts.PAT_TARGET, Verdicts.RBAC_TARGET);
		assertThat(authz).allSatisfy((verdict) -> assertThat(verdict.met()).isTrue());
		assertThat(authz.get(0).subject())
			.isEqualTo("personal access tokens vs anonymous requests, 64 users (median of 3 rounds)");
		assertThat(authz.get(0).measured()).isEqualTo("90.0 %");
		assertThat(authz.get(0).required()).isEqualTo("≥ 85.0 %");
		assertThat(authz.get(1).subject())
			.isEqualTo("sessions with RBAC vs sessions without RBAC, 64 users (median of 3 rounds)");
		assertThat(authz.get(1).measured()).isEqualTo("95.0 %");
		assertThat(authz.get(1).required()).isEqualTo("≥ 90.0 %");
		assertThat(Verdicts.authzMissed(results.authz)).isFalse();
	}

	@Test
	void authzWhenTokensAreSlowerThanTheBoundThenMissedWithBothKindsCosts() {
		SuiteResults results = TestResults.results(TestResults.settings(), "AUTHZ");
		results.authz = TestResults.authz("2026-12-03T10:00:00Z", 1, 0.8, 0.95);
		Verdict pat = authzVerdicts(results).get(0);
		assertThat(pat.met()).isFalse();
		assertThat(pat.measured()).isEqualTo("80.0 %");
		assertThat(pat.margin()).isEqualTo("5.0 % below (6 % of the bound)");
		assertThat(pat.why()).startsWith("Per request personal access tokens used 0.125 ms of the app's CPU against "
				+ "0.100 ms for anonymous requests (+0.025 ms, 125 %; event loops +0.023 ms)")
			.endsWith("p99 28.0 ms against 25.0 ms.");
		assertThat(Verdicts.authzMissed(results.authz)).isTrue();
	}

	@Test
	void authzWhenBothKindsWereProfiledThenTheExplanationComparesTheirProfiles() {
		SuiteResults results = TestResults.results(TestResults.settings(), "AUTHZ");
		results.authz = TestResults.authz("2026-12-03T10:00:00Z", 1, 0.95, 0.8);
		results.authz.profiles.add(profile(Subject.WITHOUT_RBAC, List.of(new Share("Reactor Core", 0.3, 150)),
				List.of(), 0.01, 60_000, List.of(new Share("a.Site", 0.1, 1))));
		results.authz.profiles.add(profile(Subject.RBAC, List.of(new Share("Reactor Core", 0.25, 125),
				new Share("Caffeine", 0.05, 25)),
				List.of(new Share("com.altscodex.spring.rbac.RbacAuthoritiesWebFilter.filter", 0.08, 40)), 0.08, 70_000,
				List.of(new Share("b.Site", 0.2, 1))));
		Verdict rbac = authzVerdicts(results).get(1);
		assertThat(rbac.met()).isFalse();
		assertThat(rbac.why()).endsWith("In their JFR profiles the largest components by samples are, for sessions "
				+ "with RBAC, Reactor Core 25 %, Caffeine 5 %, and for sessions without RBAC, Reactor Core 30 %; "
				+ "starter code is on the stack in 8 % and 1 % of their samples, for sessions with RBAC most of all "
				+ "`com.altscodex.spring.rbac.RbacAuthoritiesWebFilter.filter` 8 %; allocated per request (JFR's "
				+ "allocation samples): 70,000 against 60,000 bytes, the largest sites `b.Site` 20 % against "
				+ "`a.Site` 10 %.");
	}

	@Test
	void authzWhenTheStageDidNotRunThenBothTargetsAreNotMeasured() {
		SuiteResults results = TestResults.results(TestResults.settings(), "LOAD");
		List<Verdict> authz = authzVerdicts(results);
		assertThat(authz).extracting(Verdict::target).containsExactly(Verdicts.PAT_TARGET, Verdicts.RBAC_TARGET);
		assertThat(authz).allSatisfy((verdict) -> {
			assertThat(verdict.met()).isNull();
			assertThat(verdict.measured()).isEqualTo("not measured");
			assertThat(verdict.why()).contains("--only authz");
		});
	}

	@Test
	void authzWhenAComparisonDidNotCompleteThenItIsNotMeasured() {
		SuiteResults results = TestResults.results(TestResults.settings(), "AUTHZ");
		results.authz = TestResults.authz("2026-12-03T10:00:00Z", 2, 0.9, 0.95);
		results.authz.rbac.clear();
		List<Verdict> authz = authzVerdicts(results);
		assertThat(authz.get(0).met()).isTrue();
		assertThat(authz.get(1).met()).isNull();
		assertThat(authz.get(1).measured()).isEqualTo("not measured");
	}

	private static List<Verdict> authzVerdicts(SuiteResults results) {
		return Verdicts.of(results)
			.stream()
			.filter((verdict) -> verdict.target().equals(Verdicts.PAT_TARGET)
					|| verdict.target().equals(Verdicts.RBAC_TARGET))
			.toList();
	}

	// the flood

	@Test
	void floodWhenTheBoundRefusesExactlyTheLoginsBeyondItThenEveryFloodTargetIsMet() {
		SuiteResults results = TestResults.results(TestResults.settings(), "FLOOD");
		results.flood.add(TestResults.boundedFlood(Subject.PLAIN, 40, 12_000));
		results.flood.add(TestResults.baselineFlood(Subject.PLAIN, 11_500));
		List<Verdict> flood = floodVerdicts(results, Subject.PLAIN);
		assertThat(flood).hasSize(5).allSatisfy((verdict) -> assertThat(verdict.met()).isTrue());
		assertThat(flood.get(0).measured())
			.isEqualTo("500 × 503 sign-in-busy (Retry-After 1: 500, application/problem+json: 500)");
		assertThat(flood.get(0).required())
			.isEqualTo("= 500, each with Retry-After: 1 and application/problem+json");
		assertThat(flood.get(1).measured()).isEqualTo("40.0 ms (p50 20.0, max 60.0)");
		assertThat(flood.get(2).measured()).isEqualTo("1,000 (1,000 at the peak)");
		assertThat(flood.get(2).required()).isEqualTo("= 1,000");
		assertThat(flood.get(3).measured()).isEqualTo("1,000 held logins answered (1,000 ok), 0 pending after");
		assertThat(flood.get(4).required()).isEqualTo("≤ 12,650 bytes (11,500 without the bound, for 1,500 pending, + 10 %)");
	}

	@Test
	void floodWhenRefusalsLackRetryAfterThenMissedWithTheHeadersSeen() {
		FloodRun run = TestResults.flood(Subject.PLAIN, true,
				List.of(TestResults.ok(1000), TestResults.answer("503 sign-in-busy", 503, 500, 10, 20, 30,
						Map.of("none", 500L), Map.of("application/problem+json", 500L))),
				1000, 1000, 12_000, List.of());
		Verdict verdict = Verdicts.floodRefusals(run, "on");
		assertThat(verdict.met()).isFalse();
		assertThat(verdict.margin()).isEqualTo("exact count, headers differ");
		assertThat(verdict.why()).contains("Retry-After of the 503 sign-in-busy answers: {none=500}")
			.contains("The app's registry counted 500 refusals, its meter 500, and held 1,000 logins at the peak.");
	}

	@Test
	void floodWhenTooFewRefusalsThenMissedByTheDifference() {
		FloodRun run = TestResults.flood(Subject.OBSERVED, true, List.of(TestResults.ok(1200), TestResults.busy(300, 10)),
				1200, 1200, 12_000, List.of());
		Verdict refusals = Verdicts.floodRefusals(run, "on");
		assertThat(refusals.met()).isFalse();
		assertThat(refusals.margin()).isEqualTo("-200 answers");
		assertThat(refusals.why()).startsWith("Answers by kind: 1,200 ok, 300 503 sign-in-busy");
		Verdict authorize = Verdicts.floodAuthorize(run, "on");
		assertThat(authorize.met()).isFalse();
		assertThat(authorize.margin()).isEqualTo("+200 requests");
		Verdict end = Verdicts.floodEnd(run, "on");
		assertThat(end.met()).isFalse();
		assertThat(end.margin()).isEqualTo("+200 answered after the hold, 0 pending");
	}

	@Test
	void floodWhenRefusalsAreSlowThenTheExplanationCitesTheRunsFigures() {
		SuiteResults results = TestResults.results(TestResults.settings(), "FLOOD");
		FloodRun bounded = TestResults.boundedFlood(Subject.PLAIN, 2_000, 12_000);
		FloodRun baseline = TestResults.baselineFlood(Subject.PLAIN, 11_500);
		Verdict verdict = Verdicts.floodRefusalLatency(bounded, baseline, "on");
		assertThat(verdict.met()).isFalse();
		assertThat(verdict.margin()).isEqualTo("1,900.0 ms over (1900 % of the bound)");
		assertThat(verdict.target()).isEqualTo("Flood: p99 latency of the 503 sign-in-busy answers, from the request "
				+ "written to the answer");
		assertThat(verdict.measured()).isEqualTo("2,000.0 ms (p50 1,000.0, max 3,000.0)");
		assertThat(verdict.why()).isEqualTo("The 500 refusals came in a wave of 500 logins sent at once on connections "
				+ "opened before (plain sockets), after the app had registered the first 1,000 logins and DeOAuth held 1,000 authorize "
				+ "requests. From the request written to the answer they took p50 1,000.0 "
				+ "/ p99 2,000.0 / max 3,000.0 ms; from the wave's start, "
				+ "p50 1,500.0 / p99 2,800.0 / max 3,900.0 ms: the p99 from the wave's start is 800.0 ms higher, the "
				+ "time taken to write the requests before each. Inside the app, from the bench filter's entry to the commit "
				+ "of the answer, the 500 answers 503 took p50 1.5 / p99 3.5 / max 6.0 ms: the p99 from the request "
				+ "written is 1,996.5 ms higher, time outside the app's filters (waiting to be accepted, for the app's "
				+ "event loops to read the request, for the answer to be written and read by the load generator). The "
				+ "app's own timer (http.server.requests, status 503) measured 2.5 ms on average from taking up such a "
				+ "request to answering it. From the first login to the peak (3.5 s) the machine was 99 % busy (app 43 %, "
				+ "simulator 14 %, load generator 29 %, other 13 %); the app's event loops used 1.60 s of CPU and its JIT "
				+ "compilers 1.20 s. Without the bound, in the same run, every login waited for DeOAuth: p50 30.1 s.");
		results.flood.add(bounded);
		results.flood.add(baseline);
		assertThat(floodVerdicts(results, Subject.PLAIN).get(1).why()).isEqualTo(verdict.why());
	}

	@Test
	void floodWhenFastFromWrittenButSlowFromSentThenTheTargetIsMetOnTheTimeFromWritten() {
		Results.AnswerKind busy = new Results.AnswerKind("503 sign-in-busy", 503, TestResults.BUSY_TYPE, 500,
				TestResults.latency(900, 1_300, 1_400), TestResults.latency(20, 90, 120), Map.of("1", 500L),
				Map.of("application/problem+json", 500L));
		FloodRun run = TestResults.flood(Subject.PLAIN, true, List.of(TestResults.ok(1000), busy), 1000, 1000, 12_000,
				List.of());
		Verdict verdict = Verdicts.floodRefusalLatency(run, null, "on");
		assertThat(verdict.met()).isTrue();
		assertThat(verdict.measured()).isEqualTo("90.0 ms (p50 20.0, max 120.0)");
		assertThat(verdict.margin()).isEqualTo("10.0 ms under (10 % of the bound)");
		assertThat(verdict.why()).isEmpty();
	}

	@Test
	void floodWhenResultsPredateTheTimeFromWrittenThenJudgedFromTheLoginSentAndSaysSo() {
		Results.AnswerKind busy = new Results.AnswerKind("503 sign-in-busy", 503, TestResults.BUSY_TYPE, 500,
				TestResults.latency(1_180, 1_310, 1_327), null, Map.of("1", 500L), Map.of("application/problem+json", 500L));
		FloodRun fresh = TestResults.flood(Subject.PLAIN, true, List.of(TestResults.ok(1000), busy), 1000, 1000, 12_000,
				List.of());
		FloodRun old = new FloodRun(fresh.variant(), true, fresh.maxPendingLogins(), fresh.logins(), fresh.holdSeconds(),
				fresh.loginTimeoutSeconds(), fresh.deOAuthConnections(),
				// fired all at once: results of that time had no waves either
				new Results.Flood("t", 1500, null, null, null, null, 31, fresh.result().answers()), fresh.pendingAtPeak(),
				fresh.refusedByApp(), fresh.refusedMeter(), null, null, fresh.authorizeAtPeak(),
				fresh.authorizeReceived(), fresh.getTokenReceived(), fresh.heapBefore(), fresh.heapAtPeak(),
				fresh.heapAfter(), fresh.peakSeconds(), null, 0, List.of(), null);
		Verdict verdict = Verdicts.floodRefusalLatency(old, null, "on");
		assertThat(verdict.target()).isEqualTo("Flood: p99 latency of the 503 sign-in-busy answers, from the login sent "
				+ "to the answer");
		assertThat(verdict.met()).isFalse();
		assertThat(verdict.measured()).isEqualTo("1,310.0 ms (p50 1,180.0, max 1,327.0)");
		assertThat(verdict.why()).isEqualTo("The 500 refusals came while the app took 1,500 connections opened at once "
				+ "and sent 1,000 authorize requests. From the login sent to the answer they took p50 1,180.0 / p99 "
				+ "1,310.0 / max 1,327.0 ms (this run did not record when each request was written).");
	}

	@Test
	void floodWhenTheBoundedFloodHoldsMorePerLoginThanTheToleranceThenMissedWithTheClassesThatGrewMore() {
		FloodRun bounded = TestResults.boundedFlood(Subject.PLAIN, 40, 14_000);
		FloodRun baseline = TestResults.baselineFlood(Subject.PLAIN, 11_500);
		Verdict verdict = Verdicts.floodHeap(bounded, baseline, "on");
		assertThat(verdict.met()).isFalse();
		assertThat(verdict.margin()).isEqualTo("1,350 bytes over (11 % of the bound)");
		assertThat(verdict.why()).startsWith("Classes that grow more per pending login with the bound than without it: "
				+ "`[B` 1,000 B (among the classes each histogram lists).");
	}

	@Test
	void floodWhenNoBaselineThenTheHeapIsNotJudged() {
		Verdict verdict = Verdicts.floodHeap(TestResults.boundedFlood(Subject.PLAIN, 40, 14_000), null, "on");
		assertThat(verdict.met()).isNull();
		assertThat(verdict.measured()).isEqualTo("14,000 bytes");
	}

	@Test
	void floodWhenTheStageRanButAnAppHasNoFloodThenNotMeasured() {
		SuiteResults results = TestResults.results(TestResults.settings(), "FLOOD");
		results.flood.add(TestResults.boundedFlood(Subject.PLAIN, 40, 12_000));
		List<Verdict> observed = Verdicts.of(results)
			.stream()
			.filter((verdict) -> verdict.subject().equals(Subject.OBSERVED.label))
			.toList();
		assertThat(observed).singleElement().satisfies((verdict) -> assertThat(verdict.met()).isNull());
	}

	@Test
	void floodWhenTheStageDidNotRunThenNoFloodVerdicts() {
		SuiteResults results = TestResults.results(TestResults.settings(), "LOAD");
		assertThat(Verdicts.of(results)).noneMatch((verdict) -> verdict.target().startsWith("Flood"));
	}

	// explanations derived from the run

	@Test
	void comparedWithBoundStatesTheDifferenceBothWays() {
		assertThat(Verdicts.comparedWithBound(0.226, 0.17, "ms", 3)).isEqualTo("0.056 ms (33 %) above the bound");
		assertThat(Verdicts.comparedWithBound(0.15, 0.17, "ms", 3)).isEqualTo("0.020 ms (12 %) below the bound");
		assertThat(Verdicts.comparedWithBound(0.17, 0.17, "ms", 3)).isEqualTo("exactly the bound");
	}

	@Test
	void cpuWhyComputesTheCeilingsPositionAndTheStartersDifference() {
		SuiteResults results = TestResults.results(TestResults.settings(), "LOAD");
		results.load.add(TestResults.load(Subject.PLAIN, 64, 2000, 20, 30, 0.25, 0.1, 0.2, 0));
		results.load.add(TestResults.load(Subject.BARE, 64, 2100, 19, 29, 0.2, 0.1, 0.2, 0));
		String why = Verdicts.cpuWhy(results, Verdicts.figures(results, Subject.PLAIN, 64).orElseThrow());
		assertThat(why).isEqualTo("Of the 0.250 ms, the event loops take 0.225 ms, the JIT compilers 0.013 ms, GC "
				+ "0.013 ms and other threads 0.000 ms; the app allocates 87.9 KB per login. In the same run, bare "
				+ "WebClient (ceiling) needs 0.200 ms (event loops 0.180 ms, 87.9 KB allocated) for the same HTTP "
				+ "exchanges without the starter, 0.030 ms (18 %) above the bound. The starter's difference to it: "
				+ "+0.050 ms and +0.0 KB.");
	}

	@Test
	void throughputWhyCallsTheCoresSaturatedOnlyWhenTheyAre() {
		Verdicts.Figures busy = figures(TestResults.load(Subject.PLAIN, 64, 2000, 20, 30, 0.5, 0.2, 0.2, 0.02));
		Verdicts.Figures ceiling = figures(TestResults.load(Subject.BARE, 64, 2200, 20, 30, 0.4, 0.2, 0.2, 0.0));
		assertThat(Verdicts.throughputWhy(busy, ceiling)).isEqualTo("The machine was 92 % busy (saturated): app 50 %, "
				+ "simulator 20 %, load generator 20 %, other 2 %. The three processes together used 0.900 ms of CPU per "
				+ "login, against 0.800 ms with bare WebClient (ceiling) (89 % of this app's); the app's throughput is "
				+ "91 % of the ceiling's.");
		Verdicts.Figures idle = figures(TestResults.load(Subject.PLAIN, 64, 1000, 20, 30, 0.5, 0.2, 0.2, 0.0));
		assertThat(Verdicts.throughputWhy(idle, ceiling)).startsWith("The machine was 45 % busy: app 25 %");
	}

	@Test
	void latencyWhyUsesLittlesLawAndTheSameAppAtOneUser() {
		SuiteResults results = TestResults.results(TestResults.settings(), "LOAD");
		results.load.add(TestResults.load(Subject.PLAIN, 64, 2000, 25, 45, 0.5, 0.2, 0.2, 0.1));
		results.load.add(TestResults.load(Subject.PLAIN, 1, 1500, 0.6, 1, 0.5, 0.2, 0.2, 0));
		String why = Verdicts.latencyWhy(results, Verdicts.figures(results, Subject.PLAIN, 64).orElseThrow(), null);
		assertThat(why).isEqualTo("This run was disturbed: other processes took 10 % of the machine's CPU during these "
				+ "windows (median). In a closed loop of 64 users the mean latency is users / throughput: 32.0 ms here, "
				+ "with the machine 100 % busy. At 1 user the same app's p50 is 0.60 ms: at 64 users a login takes "
				+ "31.4 ms longer on average.");
	}

	@Test
	void heapWhyNamesTheClassesThatDifferBetweenTheRunsNotFixedComponents() {
		SuiteResults results = TestResults.results(TestResults.settings(), "MEMORY");
		results.memory.add(TestResults.memory(Subject.PLAIN, "HTTP/1.1", 9_000,
				List.of(new ClassDelta("[B", 800, 1), new ClassDelta("a.Exchange", 500, 1))));
		results.memory.add(TestResults.memory(Subject.OBSERVED, "HTTP/1.1", 11_000,
				List.of(new ClassDelta("[B", 850, 1), new ClassDelta("a.Observation", 700, 2),
						new ClassDelta("a.Exchange", 500, 1))));
		results.clientAlone = TestResults.memory(Subject.PLAIN, "none", 600, List.of(new ClassDelta("[B", 50, 1)));
		String why = Verdicts.heapWhy(results, results.memory.get(1));
		assertThat(why).isEqualTo("Largest live-heap growth per pending login: `[B` 850 B, `a.Observation` 700 B, "
				+ "`a.Exchange` 500 B. The starter's client alone, serving no inbound request, holds 600 bytes per "
				+ "pending login; this app 10,400 bytes more over HTTP/1.1, most of all in `[B` 800 B, `a.Observation` "
				+ "700 B, `a.Exchange` 500 B (among the classes each histogram lists). Metrics and observation add "
				+ "2,000 bytes to the plain app's 9,000 over the same protocol; the classes that grow more in the "
				+ "observed app: `a.Observation` 700 B, `[B` 50 B (among the classes each histogram lists).");
	}

	@Test
	void errorsWhyAddsUpTheErrorsOfEveryRun() {
		SuiteResults.LoadRun run = TestResults.load(Subject.PLAIN, 64, 2000, 20, 30, 0.5, 0.2, 0.2, 0);
		Results.ClosedLoop failing = new Results.ClosedLoop("t", 64, 1, 10, 10, 1,
				TestResults.latency(1, 2, 3), new Results.Errors(3, Map.of("503", 3L), 1,
						Map.of("java.io.IOException", 1L), 0, 2), 0);
		SuiteResults.LoadRun other = new SuiteResults.LoadRun("plain", 16, 1, failing, run.cpu(), 0.5, 1);
		assertThat(Verdicts.errorsWhy(List.of(other, other))).isEqualTo("Refused by status: {503=6}; transport "
				+ "errors: {java.io.IOException=2}; wrong user: 0; lost: 4 (by run in the error columns of the load "
				+ "tables).");
	}

	private static Verdicts.Figures figures(SuiteResults.LoadRun run) {
		SuiteResults results = TestResults.results(TestResults.settings(), "LOAD");
		results.load.add(run);
		return Verdicts.figures(results, Subject.of(run.variant()), run.users()).orElseThrow();
	}

	private static List<Verdict> floodVerdicts(SuiteResults results, Subject subject) {
		return Verdicts.of(results)
			.stream()
			.filter((verdict) -> verdict.target().startsWith("Flood") && verdict.subject().startsWith(subject.label))
			.toList();
	}

}
