package com.altscodex.spring.client.pending;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryPendingLoginRegistryTests {

	private final InMemoryPendingLoginRegistry<String> registry = new InMemoryPendingLoginRegistry<>();

	@Test
	void claimWhenStateRegisteredThenSettlesLoginWithOutcome() {
		PendingLogin<String> login = this.registry.register("s1").block();
		this.registry.claim("s1", () -> Mono.just("alice")).as(StepVerifier::create)
			.expectNext(ClaimResult.CLAIMED)
			.verifyComplete();
		login.result().as(StepVerifier::create).expectNext("alice").verifyComplete();
	}

	@Test
	void claimWhenStateUnknownThenNoOutcomeIsSubscribed() {
		AtomicInteger subscriptions = new AtomicInteger();
		this.registry.claim("nope", () -> Mono.fromSupplier(() -> {
			subscriptions.incrementAndGet();
			return "x";
		})).as(StepVerifier::create).expectNext(ClaimResult.UNKNOWN).verifyComplete();
		assertThat(subscriptions).hasValue(0);
		assertThat(this.registry.size()).isZero();
	}

	@Test
	void claimTwiceThenOutcomeRunsOnce() {
		PendingLogin<String> login = this.registry.register("s1").block();
		AtomicInteger runs = new AtomicInteger();
		Mono<String> outcome = Mono.fromSupplier(() -> "run-" + runs.incrementAndGet());
		assertThat(this.registry.claim("s1", () -> outcome).block()).isEqualTo(ClaimResult.CLAIMED);
		assertThat(this.registry.claim("s1", () -> outcome).block()).isEqualTo(ClaimResult.DUPLICATE);
		assertThat(runs).hasValue(1);
		login.result().as(StepVerifier::create).expectNext("run-1").verifyComplete();
	}

	@Test
	void resultSubscribedAfterSettlingThenReplaysOutcome() {
		PendingLogin<String> login = this.registry.register("s1").block();
		this.registry.claim("s1", () -> Mono.error(new IllegalStateException("boom"))).block();
		login.result().as(StepVerifier::create).expectErrorMessage("boom").verify();
		login.result().as(StepVerifier::create).expectErrorMessage("boom").verify();
	}

	@Test
	void releaseThenRemovesEntryAndCancelsRunningOutcome() {
		PendingLogin<String> login = this.registry.register("s1").block();
		Sinks.Empty<Void> cancelled = Sinks.empty();
		this.registry.claim("s1", () -> Mono.<String>never().doOnCancel(cancelled::tryEmitEmpty)).block();
		assertThat(this.registry.size()).isOne();
		login.release();
		login.release();
		assertThat(this.registry.size()).isZero();
		cancelled.asMono().as(StepVerifier::create).expectComplete().verify(Duration.ofSeconds(1));
		assertThat(this.registry.claim("s1", () -> Mono.just("late")).block()).isEqualTo(ClaimResult.UNKNOWN);
	}

	@Test
	void claimThenOutcomeRunsWithTheCallersContext() {
		PendingLogin<String> login = this.registry.register("s1").block();
		this.registry
			.claim("s1", () -> Mono.deferContextual((context) -> Mono.just(context.getOrDefault("caller", "none"))))
			.contextWrite(Context.of("caller", "callback"))
			.as(StepVerifier::create)
			.expectNext(ClaimResult.CLAIMED)
			.verifyComplete();
		login.result().as(StepVerifier::create).expectNext("callback").verifyComplete();
	}

	@Test
	void storeModeThenMemoryAndAlwaysAvailable() {
		assertThat(this.registry.storeMode()).isEqualTo("memory");
		this.registry.checkAvailable().as(StepVerifier::create).verifyComplete();
	}

	@Test
	void registerSameStateTwiceThenFails() {
		this.registry.register("s1").block();
		this.registry.register("s1").as(StepVerifier::create).expectError(IllegalStateException.class).verify();
	}

	@Test
	void failAllThenEveryPendingLoginFails() {
		PendingLogin<String> first = this.registry.register("a").block();
		PendingLogin<String> second = this.registry.register("b").block();
		this.registry.failAll(() -> new IllegalStateException("stopped"));
		first.result().as(StepVerifier::create).expectErrorMessage("stopped").verify();
		second.result().as(StepVerifier::create).expectErrorMessage("stopped").verify();
	}

	@Test
	void settleAfterFailureThenFirstOutcomeWins() {
		PendingLogin<String> login = this.registry.register("s1").block();
		this.registry.failAll(() -> new IllegalStateException("stopped"));
		this.registry.claim("s1", () -> Mono.just("late")).block();
		login.result().as(StepVerifier::create).expectErrorMessage("stopped").verify();
	}

}
