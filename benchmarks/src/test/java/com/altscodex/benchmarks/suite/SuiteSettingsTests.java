package com.altscodex.benchmarks.suite;

import org.junit.jupiter.api.Test;

import com.altscodex.benchmarks.suite.SuiteSettings.Stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SuiteSettingsTests {

	@Test
	void securityIsAStageOfTheFullRunWithItsSettingsStored() {
		SuiteSettings settings = settings();
		assertThat(settings.runs(Stage.SECURITY)).isTrue();
		assertThat(settings.securityUsers()).isEqualTo(64);
		assertThat(settings.securityRounds()).isEqualTo(3);
		assertThat(settings.ipFloodLogins()).isEqualTo(1500);
		assertThat(settings.ipFloodUsers()).isEqualTo(20);
		assertThat(settings.ipFloodHoldSeconds()).isEqualTo(30);
		assertThat(settings.ipFloodLoginTimeoutSeconds()).isEqualTo(35);
		assertThat(settings.describe()).containsEntry("securityUsers", 64)
			.containsEntry("ipFloodSource", "127.0.0.2")
			.containsEntry("ipFloodUsersSource", "127.0.0.3")
			.containsKey("note");
		assertThat(settings("--only", "load").describe()).doesNotContainKey("securityUsers");
	}

	@Test
	void mergeTakesTheSecurityStageAlone() {
		assertThat(settings("--only", "security", "--merge").merge()).isTrue();
		assertThat(settings("--only", "security").merge()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> settings("--merge"))
			.withMessageContaining("--only with some of security, authz, cluster and jmh");
		assertThatIllegalArgumentException().isThrownBy(() -> settings("--only", "security,load", "--merge"));
	}

	@Test
	void authzIsAStageOfTheFullRunWithItsSettingsStored() {
		SuiteSettings settings = settings();
		assertThat(settings.runs(Stage.AUTHZ)).isTrue();
		assertThat(settings.authzUsers()).isEqualTo(64);
		assertThat(settings.authzRounds()).isEqualTo(3);
		assertThat(settings.describe()).containsEntry("authzUsers", 64)
			.containsEntry("authzRounds", 3)
			.containsEntry("authzSignInRateLimit", SuiteSettings.SECURITY_LOAD_RATE_LIMIT);
		assertThat(settings("--only", "security").describe()).doesNotContainKey("authzUsers");
		assertThat(settings("--only", "authz", "--quick").authzRounds()).isEqualTo(1);
		assertThat(settings("--authz-users", "16", "--authz-rounds", "5").authzRounds()).isEqualTo(5);
	}

	@Test
	void authzUsersLeaveAUserOutsideTheRoleForTheChecks() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings("--authz-users", "2000"))
			.withMessageContaining("--jwt-users");
		assertThat(settings("--authz-users", "1999").authzUsers()).isEqualTo(1999);
		assertThatIllegalArgumentException().isThrownBy(() -> settings("--authz-rounds", "0"));
	}

	@Test
	void clusterIsAStageOfTheFullRunWithItsSettingsStored() {
		SuiteSettings settings = settings();
		assertThat(settings.stages()).contains(Stage.CLUSTER);
		assertThat(settings.clusterUsers()).isEqualTo(64);
		assertThat(settings.clusterRounds()).isEqualTo(3);
		assertThat(settings.clusterInstances()).isEqualTo(2);
		assertThat(settings.clusterRedisUrl()).isEqualTo("redis://127.0.0.1:6379");
		assertThat(settings.describe()).containsEntry("clusterUsers", 64)
			.containsEntry("clusterRounds", 3)
			.containsEntry("clusterInstances", 2)
			.containsEntry("clusterRedis", "redis://127.0.0.1:6379")
			.containsEntry("clusterSignInRateLimit", SuiteSettings.SECURITY_LOAD_RATE_LIMIT);
		assertThat(settings("--only", "authz").describe()).doesNotContainKey("clusterUsers");
		assertThat(settings("--only", "cluster", "--quick").clusterRounds()).isEqualTo(1);
		SuiteSettings chosen = settings("--only", "cluster", "--cluster-rounds", "5", "--cluster-instances", "3",
				"--cluster-users", "32", "--cluster-redis", "redis://10.0.0.7:6380");
		assertThat(chosen.stages()).containsExactly(Stage.CLUSTER);
		assertThat(chosen.clusterRounds()).isEqualTo(5);
		assertThat(chosen.clusterInstances()).isEqualTo(3);
		assertThat(chosen.clusterUsers()).isEqualTo(32);
		assertThat(chosen.clusterRedisUrl()).isEqualTo("redis://10.0.0.7:6380");
	}

	@Test
	void clusterNeedsTwoInstancesARoundAndAUser() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings("--cluster-instances", "1"))
			.withMessageContaining("--cluster-instances is at least 2");
		assertThatIllegalArgumentException().isThrownBy(() -> settings("--cluster-rounds", "0"));
		assertThatIllegalArgumentException().isThrownBy(() -> settings("--cluster-users", "0"));
		assertThatIllegalArgumentException().isThrownBy(() -> settings("--cluster-users", "2000"));
	}

	@Test
	void mergeTakesTheClusterStageAloneOrWithOthersThatMerge() {
		assertThat(settings("--only", "cluster", "--merge").merge()).isTrue();
		assertThat(settings("--only", "cluster,authz,jmh", "--merge").merge()).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> settings("--only", "cluster,load", "--merge"))
			.withMessageContaining("--only cluster,jmh");
	}

	@Test
	void mergeTakesTheAuthzStageAloneOrWithTheSecurityStage() {
		assertThat(settings("--only", "authz", "--merge").merge()).isTrue();
		assertThat(settings("--only", "security,authz", "--merge").merge()).isTrue();
		assertThat(settings("--only", "authz,jmh", "--merge").merge()).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> settings("--only", "authz,load", "--merge"))
			.withMessageContaining("--only authz");
	}

	@Test
	void quickShortensTheSecurityStage() {
		SuiteSettings quick = settings("--quick", "--only", "security");
		assertThat(quick.securityRounds()).isEqualTo(1);
		assertThat(quick.ipFloodHoldSeconds()).isEqualTo(10);
		assertThat(quick.ipFloodWarmupExtraRounds()).isEqualTo(1);
		assertThat(settings("--ip-flood", "300", "--ip-flood-users", "5").ipFloodLogins()).isEqualTo(300);
	}

	private static SuiteSettings settings(String... args) {
		return SuiteSettings.from(Args.parse(args));
	}

}
