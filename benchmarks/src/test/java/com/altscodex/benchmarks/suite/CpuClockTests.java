package com.altscodex.benchmarks.suite;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CpuClockTests {

	@Test
	void parseProcessStatWhenCommandHoldsSpacesAndParenthesesThenUtimePlusStime() {
		String stat = "4242 (C2 Compiler (x)) S 1 4242 4242 0 -1 4194560 1234 0 0 0 700 55 0 0 20 0 30 0 1000 "
				+ "1000000 500 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
		assertThat(CpuClock.parseProcessStat(stat)).isEqualTo(755);
	}

	@Test
	void parseMachineStatThenBusyExcludesIdleAndIowait() {
		CpuClock.MachineTicks ticks = CpuClock.parseMachineStat("cpu  100 5 20 1000 30 2 3 4 0 0");
		assertThat(ticks.busy()).isEqualTo(100 + 5 + 20 + 2 + 3 + 4);
		assertThat(ticks.total()).isEqualTo(ticks.busy() + 1000 + 30);
	}

	@Test
	void threadGroupsFromJvmThreadNames() {
		assertThat(CpuClock.ThreadGroup.of("reactor-http-ep")).isEqualTo(CpuClock.ThreadGroup.EVENT_LOOPS);
		assertThat(CpuClock.ThreadGroup.of("C2 CompilerThre")).isEqualTo(CpuClock.ThreadGroup.JIT);
		assertThat(CpuClock.ThreadGroup.of("C1 CompilerThre")).isEqualTo(CpuClock.ThreadGroup.JIT);
		assertThat(CpuClock.ThreadGroup.of("GC Thread#0")).isEqualTo(CpuClock.ThreadGroup.GC);
		assertThat(CpuClock.ThreadGroup.of("G1 Conc#0")).isEqualTo(CpuClock.ThreadGroup.GC);
		assertThat(CpuClock.ThreadGroup.of("parallel-1")).isEqualTo(CpuClock.ThreadGroup.OTHER);
	}

}
