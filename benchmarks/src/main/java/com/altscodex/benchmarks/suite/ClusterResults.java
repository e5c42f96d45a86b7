package com.altscodex.benchmarks.suite;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.altscodex.benchmarks.suite.SuiteResults.LoadRun;
import com.altscodex.benchmarks.suite.SuiteResults.RunInfo;

/**
 * What the cluster stage measured ({@code --only cluster}): full logins on several
 * instances with their pending logins on Redis, each callback landing on another
 * instance than the login's, next to the same instances with pending logins in memory,
 * each callback on the login's own; and requests of signed-in sessions with Redis
 * sessions next to in-memory sessions. It carries the run that measured it, so that a
 * results file can take it from a later run ({@code --merge}) and keep every other
 * stage's figures.
 */
public final class ClusterResults {

	/** The run that measured the stage: its time, command and settings. */
	public @Nullable RunInfo run;

	/** The commit the stage was measured on. */
	public @Nullable String gitCommit;

	/** How busy the machine was before the stage began. */
	public SecurityResults.@Nullable MachineLoad machine;

	/** The Redis the instances shared: its version and where it ran, as it answered {@code INFO}. */
	public @Nullable String redis;

	/**
	 * Closed loops of full logins, in rounds: pending logins in memory ({@code memory})
	 * and on Redis ({@code redis}).
	 */
	public List<LoadRun> logins = new ArrayList<>();

	/**
	 * Closed loops of requests by signed-in sessions, in rounds: in-memory sessions
	 * ({@code memory-sessions}) and Redis sessions ({@code redis-sessions}); a "login" of
	 * these runs is one request.
	 */
	public List<LoadRun> sessions = new ArrayList<>();

	/**
	 * CPU seconds the Redis server used in each measured window, in the order of
	 * {@link #logins} then {@link #sessions}'s Redis runs, when its process could be read.
	 */
	public List<RedisCpu> redisCpu = new ArrayList<>();

	/** Sanity checks of the stage's apps (the store each runs on, where callbacks land, ...). */
	public List<String> checks = new ArrayList<>();

	/** Parts of the stage that failed, with the reason. */
	public List<String> problems = new ArrayList<>();

	/**
	 * The Redis server's CPU over one measured window.
	 * @param variant the subject's key
	 * @param round the round
	 * @param seconds the server's CPU seconds over the window
	 * @param perLoginMs the same per login (or request), in milliseconds
	 * @param share the share of the machine's cores over the window
	 */
	public record RedisCpu(String variant, int round, double seconds, double perLoginMs, double share) {
	}

}
