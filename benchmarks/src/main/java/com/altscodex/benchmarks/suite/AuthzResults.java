package com.altscodex.benchmarks.suite;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import com.altscodex.benchmarks.suite.SuiteResults.LoadRun;
import com.altscodex.benchmarks.suite.SuiteResults.ProfileRun;
import com.altscodex.benchmarks.suite.SuiteResults.RunInfo;

/**
 * What the authz stage measured ({@code --only authz}): requests with a personal access
 * token next to anonymous requests through the same app and chain, and requests of
 * signed-in sessions with roles next to the same without them. It carries the run that
 * measured it, so that a results file can take it from a later run ({@code --merge}) and
 * keep every other stage's figures.
 */
public final class AuthzResults {

	/** The run that measured the stage: its time, command and settings. */
	public @Nullable RunInfo run;

	/** The commit the stage was measured on. */
	public @Nullable String gitCommit;

	/** How busy the machine was before the stage began. */
	public SecurityResults.@Nullable MachineLoad machine;

	/**
	 * Closed loops of the trivial endpoint, in rounds, through one app: without any
	 * credential ({@code anonymous}, {@code GET /bench/public}) and with a personal access
	 * token each ({@code pat}, {@code GET /bench/reports}); a "login" of these runs is one
	 * request.
	 */
	public List<LoadRun> pat = new ArrayList<>();

	/**
	 * Closed loops of {@code GET /bench/reports} by signed-in sessions, in rounds: roles
	 * on ({@code rbac}) and off ({@code without-rbac}); a "login" of these runs is one
	 * request.
	 */
	public List<LoadRun> rbac = new ArrayList<>();

	/**
	 * JFR profiles of each kind of request, when a target was missed (or with
	 * {@code --profile}).
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	public List<ProfileRun> profiles = new ArrayList<>();

	/** Sanity checks of the stage's apps (who may request what, the tokens minted, ...). */
	public List<String> checks = new ArrayList<>();

	/** Parts of the stage that failed, with the reason. */
	public List<String> problems = new ArrayList<>();

}
