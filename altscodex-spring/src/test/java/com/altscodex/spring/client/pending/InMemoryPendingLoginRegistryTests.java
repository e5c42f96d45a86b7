package com.altscodex.spring.client.pending;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.util.RaceTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class InMemoryPendingLoginRegistryTests {

	private static final AuthorizationCallback CALLBACK = new AuthorizationCallback("s1", "code-1", "1");

	private final InMemoryPendingLoginRegistry registry = new InMemoryPendingLoginRegistry();

	@Test
	void deliverWhenStateRegisteredThenLoginReceivesTheCallback() {
		PendingLogin login = this.registry.register("shop", "s1", 10);
		this.registry.deliver(CALLBACK)
			.as(StepVerifier::create)
			.expectNext(new CallbackDelivery(ClaimResult.CLAIMED, "shop"))
			.verifyComplete();
		login.callback().as(StepVerifier::create).expectNext(CALLBACK).verifyComplete();
	}

	@Test
	void deliverWhenStateUnknownThenNothingHappens() {
		this.registry.register("shop", "s1", 10);
		this.registry.deliver(new AuthorizationCallback("other", "c", "1"))
			.as(StepVerifier::create)
			.expectNext(CallbackDelivery.unknown())
			.verifyComplete();
		this.registry.deliver(new AuthorizationCallback(null, "c", "1"))
			.as(StepVerifier::create)
			.expectNext(CallbackDelivery.unknown())
			.verifyComplete();
	}

	@Test
	void deliverTwiceThenTheLoginKeepsTheFirstCallback() {
		PendingLogin login = this.registry.register("shop", "s1", 10);
		assertThat(this.registry.deliver(CALLBACK).block().result()).isEqualTo(ClaimResult.CLAIMED);
		assertThat(this.registry.deliver(new AuthorizationCallback("s1", "code-2", "1")).block())
			.isEqualTo(new CallbackDelivery(ClaimResult.DUPLICATE, "shop"));
		login.callback().as(StepVerifier::create).expectNext(CALLBACK).verifyComplete();
	}

	@Test
	void deliverIsLazy() {
		PendingLogin login = this.registry.register("shop", "s1", 10);
		this.registry.deliver(CALLBACK);
		this.registry.deliver(CALLBACK).block();
		login.callback().as(StepVerifier::create).expectNext(CALLBACK).verifyComplete();
		assertThat(this.registry.deliver(CALLBACK).block().result()).isEqualTo(ClaimResult.DUPLICATE);
	}

	@Test
	void callbackSubscribedAfterDeliveryThenReplaysIt() {
		PendingLogin login = this.registry.register("shop", "s1", 10);
		this.registry.deliver(CALLBACK).block();
		login.callback().as(StepVerifier::create).expectNext(CALLBACK).verifyComplete();
		login.callback().as(StepVerifier::create).expectNext(CALLBACK).verifyComplete();
	}

	@Test
	void releaseThenEntryIsGoneItsPlaceFreeAndItsCallbackEmpty() {
		PendingLogin login = this.registry.register("shop", "s1", 1);
		assertThat(this.registry.size("shop")).isOne();
		login.release();
		login.release();
		assertThat(this.registry.size("shop")).isZero();
		assertThat(this.registry.size()).isZero();
		login.callback().as(StepVerifier::create).verifyComplete();
		assertThat(this.registry.deliver(CALLBACK).block()).isEqualTo(CallbackDelivery.unknown());
		assertThat(this.registry.register("shop", "s2", 1)).isNotNull();
	}

	@Test
	void registerBeyondTheClientsLimitThenRefusedAndCounted() {
		assertThat(this.registry.register("shop", "s1", 2)).isNotNull();
		assertThat(this.registry.register("shop", "s2", 2)).isNotNull();
		assertThat(this.registry.register("shop", "s3", 2)).isNull();
		assertThat(this.registry.register("shop", "s4", 2)).isNull();
		assertThat(this.registry.size("shop")).isEqualTo(2);
		assertThat(this.registry.refusedCount("shop")).isEqualTo(2);
		// another client's share is its own
		assertThat(this.registry.register("blog", "s5", 2)).isNotNull();
		assertThat(this.registry.refusedCount("blog")).isZero();
		assertThat(this.registry.size()).isEqualTo(3);
	}

	@Test
	void registerWhenLoginsRaceForTheLastPlacesThenNeverMoreThanTheLimit() {
		for (int round = 0; round < 2_000; round++) {
			InMemoryPendingLoginRegistry registry = new InMemoryPendingLoginRegistry();
			AtomicInteger registered = new AtomicInteger();
			int base = round * 4;
			Runnable[] logins = new Runnable[4];
			for (int i = 0; i < logins.length; i++) {
				String state = "s" + (base + i);
				logins[i] = () -> {
					if (registry.register("shop", state, 2) != null) {
						registered.incrementAndGet();
					}
				};
			}
			RaceTestUtils.race(logins);
			assertThat(registered).hasValue(2);
			assertThat(registry.size("shop")).isEqualTo(2);
			assertThat(registry.refusedCount("shop")).isEqualTo(2);
		}
	}

	@Test
	void registerSameStateTwiceThenFailsAndTakesNoPlace() {
		this.registry.register("shop", "s1", 10);
		assertThatIllegalStateException().isThrownBy(() -> this.registry.register("shop", "s1", 10));
		assertThat(this.registry.size("shop")).isOne();
	}

	@Test
	void failAllThenTheClientsWaitingLoginsFailAndOthersDoNot() {
		PendingLogin shop1 = this.registry.register("shop", "s1", 10);
		PendingLogin shop2 = this.registry.register("shop", "s2", 10);
		PendingLogin blog = this.registry.register("blog", "s3", 10);
		this.registry.deliver(new AuthorizationCallback("s2", "code", "1")).block();
		this.registry.failAll("shop", () -> new IllegalStateException("stopped"));
		shop1.callback().as(StepVerifier::create).expectErrorMessage("stopped").verify(Duration.ofSeconds(1));
		// a login that has its callback already is not failed: it is exchanging its code
		shop2.callback().as(StepVerifier::create).expectNextCount(1).verifyComplete();
		blog.callback().as(StepVerifier::create).expectSubscription().expectNoEvent(Duration.ofMillis(50)).thenCancel()
			.verify();
	}

	@Test
	void storeModeThenMemoryAndAlwaysAvailable() {
		assertThat(this.registry.storeMode()).isEqualTo("memory");
		this.registry.checkAvailable().as(StepVerifier::create).verifyComplete();
		this.registry.register("shop", "s1", 10).ready().as(StepVerifier::create).verifyComplete();
	}

	@Test
	void toStringThenNoState() {
		PendingLogin login = this.registry.register("shop", "abcdefghijklmnopqrstuvwxyz012345", 10);
		assertThat(login.toString()).contains("shop").doesNotContain("abcdefghijklmnopqrstuvwxyz012345");
		assertThat(this.registry.toString()).doesNotContain("abcdefghijklmnopqrstuvwxyz012345");
	}

}
