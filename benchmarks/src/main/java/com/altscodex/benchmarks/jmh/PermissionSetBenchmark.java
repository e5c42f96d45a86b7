package com.altscodex.benchmarks.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.altscodex.spring.rbac.PermissionSet;

/**
 * {@link PermissionSet#implies}, what wildcard-aware {@code hasAuthority} asks for every
 * {@code @PreAuthorize} check, on the permissions of a user with a few roles: 20
 * permissions, 3 of them wildcards. Asked for one the set holds as it is (a set lookup),
 * one only a wildcard grants ({@code reports:*} for {@code reports:read}, the last of the
 * wildcards, so that every wildcard is tried) and one it does not grant (every wildcard
 * tried, in vain).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PermissionSetBenchmark {

	static final List<String> PERMISSIONS = List.of("users:read", "users:write", "users:invite", "teams:read",
			"teams:write", "projects:read", "projects:write", "projects:archive", "billing:read", "invoices:read",
			"invoices:download", "settings:read", "settings:write", "webhooks:read", "webhooks:write",
			"api-keys:read", "audit:read", "admin:*:read", "exports:*", "reports:*");

	@Param({ "exact", "wildcard", "miss" })
	public String permission = "exact";

	private final PermissionSet permissions = PermissionSet.of(PERMISSIONS);

	private String asked = "";

	@Setup
	public void choosePermission() {
		this.asked = switch (this.permission) {
			case "exact" -> "invoices:download";
			case "wildcard" -> "reports:read";
			case "miss" -> "payroll:write";
			default -> throw new IllegalArgumentException(this.permission);
		};
	}

	@Benchmark
	public boolean implies() {
		return this.permissions.implies(this.asked);
	}

}
