package com.altscodex.benchmarks.suite;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentProbeTests {

	@Test
	void loadAverageReadsTheFirstThreeFieldsOfProcLoadavg() {
		assertThat(EnvironmentProbe.loadAverage("2.86 2.42 1.58 3/412 24906\n")).containsExactly(2.86, 2.42, 1.58);
		assertThat(EnvironmentProbe.loadAverage("")).isEmpty();
		assertThat(EnvironmentProbe.loadAverage("a b c")).isEmpty();
	}

	@Test
	void mainOfAJavaCommandLineIsItsMainClassOrJar() {
		assertThat(EnvironmentProbe.mainOf(List.of("java", "-Xmx1g", "-classpath", "/a.jar:/b.jar",
				"-Dclassworlds.conf=/m2.conf", "org.codehaus.plexus.classworlds.launcher.Launcher", "-q", "verify")))
			.isEqualTo("Launcher");
		assertThat(EnvironmentProbe.mainOf(List.of("java", "-cp", "x", "com.altscodex.benchmarks.app.BenchApp")))
			.isEqualTo("BenchApp");
		assertThat(EnvironmentProbe.mainOf(List.of("java", "-jar", "/opt/app/sample-app.jar", "--server.port=0")))
			.isEqualTo("sample-app.jar");
		assertThat(EnvironmentProbe.mainOf(List.of("java", "-version"))).isNull();
	}

}
