package com.altscodex.spring.autoconfigure.metrics;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import com.altscodex.spring.client.AltsCodexClients;
import com.altscodex.spring.client.CallbackTimeoutException;
import com.altscodex.spring.client.ClientRegistration;
import com.altscodex.spring.client.DefaultAltsCodexClient;
import com.altscodex.spring.client.TooManyPendingLoginsException;
import com.altscodex.spring.client.pending.InMemoryPendingLoginRegistry;
import com.altscodex.deoauth.simulator.DeOAuthSimulatorExtension;
import com.altscodex.deoauth.simulator.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pending-logins gauge follows a login that waits for its callback, against the
 * DeOAuth simulator over HTTP.
 */
class AltsCodexClientMetricsTests {

	@RegisterExtension
	static final DeOAuthSimulatorExtension simulator = DeOAuthSimulatorExtension.create()
		.client("test-client", "test-secret-value-1234", "http://127.0.0.1:*/login/altscodex");

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final InMemoryPendingLoginRegistry pendingLogins = new InMemoryPendingLoginRegistry();

	private final DefaultAltsCodexClient shop = client("shop");

	private final DefaultAltsCodexClient blog = client("blog");

	@AfterEach
	void destroyClients() {
		this.shop.destroy();
		this.blog.destroy();
	}

	private DefaultAltsCodexClient client(String name) {
		return DefaultAltsCodexClient.builder(ClientRegistration.withName(name)
			.clientId("test-client")
			.clientSecret("test-secret-value-1234")
			// no callback comes in these tests: nothing listens there
			.redirectUri("http://127.0.0.1:9/login/altscodex")
			.authServerUrl(simulator.baseUrl())
			.maxPendingLogins(1)
			.build()).pendingLogins(this.pendingLogins).build();
	}

	@Test
	void pendingLoginsWhenCallbackWithheldThenRisesAndFallsBackWhenTheLoginEnds() {
		new AltsCodexClientMetrics(new AltsCodexClients(List.of(this.shop, this.blog)), this.pendingLogins)
			.bindTo(this.meters);
		Gauge shopGauge = this.meters.get("altscodex.pending.logins").tag("client", "shop").gauge();
		Gauge blogGauge = this.meters.get("altscodex.pending.logins").tag("client", "blog").gauge();
		assertThat(shopGauge.value()).isZero();
		assertThat(shopGauge.getId().getDescription()).isNotBlank();

		simulator.behavior().withholdCallback(true);
		Mono<RecordedRequest> authorized = simulator.awaitRequest("/v1/oauth-meta/authorize").cache();
		authorized.subscribe();
		StepVerifier.create(this.shop.getSlotInfo(simulator.issueJwt("alice"), Duration.ofSeconds(2))).then(() -> {
			authorized.block(Duration.ofSeconds(5));
			assertThat(shopGauge.value()).isOne();
			assertThat(blogGauge.value()).isZero();
		}).expectError(CallbackTimeoutException.class).verify(Duration.ofSeconds(5));
		assertThat(shopGauge.value()).isZero();
	}

	@Test
	void refusedLoginsWhenClientFullThenCountedForThatClientOnly() {
		new AltsCodexClientMetrics(new AltsCodexClients(List.of(this.shop, this.blog)), this.pendingLogins)
			.bindTo(this.meters);
		FunctionCounter shopRefused = this.meters.get("altscodex.pending.logins.refused").tag("client", "shop")
			.functionCounter();
		FunctionCounter blogRefused = this.meters.get("altscodex.pending.logins.refused").tag("client", "blog")
			.functionCounter();
		simulator.behavior().withholdCallback(true);
		Mono<RecordedRequest> authorized = simulator.awaitRequest("/v1/oauth-meta/authorize").cache();
		authorized.subscribe();
		StepVerifier.create(this.shop.getSlotInfo(simulator.issueJwt("alice"), Duration.ofSeconds(2))).then(() -> {
			authorized.block(Duration.ofSeconds(5));
			// the shop has as many logins waiting as it may (one): the next is refused
			this.shop.getSlotInfo(simulator.issueJwt("bob"))
				.as(StepVerifier::create)
				.expectError(TooManyPendingLoginsException.class)
				.verify(Duration.ofSeconds(1));
			assertThat(shopRefused.count()).isOne();
			assertThat(blogRefused.count()).isZero();
		}).expectError(CallbackTimeoutException.class).verify(Duration.ofSeconds(5));
	}

}
