package com.altscodex.benchmarks.suite;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import com.altscodex.benchmarks.load.Results;
import com.altscodex.benchmarks.suite.SuiteResults.CpuUse;
import com.altscodex.benchmarks.suite.SuiteResults.LoadRun;
import com.altscodex.benchmarks.suite.SuiteResults.ProfileRun;
import com.altscodex.benchmarks.suite.SuiteResults.RunInfo;

/**
 * What the security stage measured ({@code --only security}): sign-in through the
 * starter's Spring Security chain next to the plain app's, requests of signed-in sessions
 * through the starter's chain next to Spring Security's own, and a flood of logins from
 * one client address against the limit per address. It carries the run that measured it,
 * so that a results file can take it from a later run ({@code --merge}) and keep every
 * other stage's figures.
 */
public final class SecurityResults {

	/** The run that measured the stage: its time, command and settings. */
	public @Nullable RunInfo run;

	/** The commit the stage was measured on. */
	public @Nullable String gitCommit;

	/** How busy the machine was before the stage began. */
	public @Nullable MachineLoad machine;

	/**
	 * Closed loops of full logins, in rounds: the plain app's own {@code POST /login}
	 * ({@code plain}) and the starter's chain ({@code secured}).
	 */
	public List<LoadRun> logins = new ArrayList<>();

	/**
	 * Closed loops of {@code GET /bench/hello} by signed-in sessions, in rounds: the
	 * starter's chain ({@code secured}) and Spring Security's form login
	 * ({@code form-login}); a "login" of these runs is one request.
	 */
	public List<LoadRun> sessions = new ArrayList<>();

	/**
	 * JFR profiles of the signed-in sessions' requests through both chains, when the
	 * target was missed (or with {@code --profile}).
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	public List<ProfileRun> profiles = new ArrayList<>();

	/** The flood from one client address; {@code null} when it did not complete. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public @Nullable IpFloodRun ipFlood;

	/** Sanity checks of the stage's apps (Spring Security really on or off, ...). */
	public List<String> checks = new ArrayList<>();

	/** Parts of the stage that failed, with the reason. */
	public List<String> problems = new ArrayList<>();

	/**
	 * The machine's load before the stage, from {@code /proc}.
	 *
	 * @param loadAverage the 1-, 5- and 15-minute load averages
	 * @param sampleSeconds how long the busy share was sampled
	 * @param busyShare the share of all cores busy over the sample
	 * @param busiest the processes that used the most CPU over the sample
	 */
	public record MachineLoad(List<Double> loadAverage, double sampleSeconds, double busyShare,
			List<ProcessShare> busiest) {
	}

	/**
	 * A process and its share of all cores over a sample.
	 */
	public record ProcessShare(long pid, String name, double share) {
	}

	/**
	 * A flood of logins from one client address against the starter's default chain with
	 * its default limit per address, while DeOAuth holds the {@code authorize} of every
	 * login of the flood that gets through; meanwhile users sign in from another address,
	 * DeOAuth answering them at once.
	 *
	 * @param holdSeconds how long DeOAuth held the {@code authorize} of the flood's logins
	 * @param loginTimeoutSeconds the app's login timeout
	 * @param capacity the limit's bucket: attempts an address may make at once
	 * @param refillTokens attempts given back every {@code refillPeriodSeconds}
	 * @param result what the load generator saw
	 * @param floodAuthorize the flood's {@code authorize} requests that reached DeOAuth
	 * @param usersAuthorize the users' {@code authorize} requests that reached DeOAuth
	 * @param refusalServerLatency the time of each {@code 429} inside the app, from the
	 * bench filter's entry to the commit of the answer
	 * @param front CPU time of each process from the flood's first login to the moment
	 * every refusal and every user had been answered
	 * @param pendingAfter the app's pending logins once every login had ended
	 * @param error what went wrong, if anything
	 */
	public record IpFloodRun(double holdSeconds, double loginTimeoutSeconds, long capacity, long refillTokens,
			double refillPeriodSeconds, Results.IpFlood result, long floodAuthorize, long usersAuthorize,
			Results.@Nullable Latency refusalServerLatency,
			@Nullable CpuUse front, int pendingAfter, @Nullable String error) {
	}

}
