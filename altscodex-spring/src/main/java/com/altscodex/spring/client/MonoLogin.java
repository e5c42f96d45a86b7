package com.altscodex.spring.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import com.altscodex.spring.client.pending.PendingLogin;

/**
 * One login of {@link DefaultAltsCodexClient}, from its registration to its outcome:
 * register the state, send {@code authorize}, wait for the login's result, all within
 * the login's timeout; the pending login is released before any outcome travels on.
 * <p>
 * A login may wait minutes for its callback, and there can be a hundred thousand of
 * them: the same steps as {@code register(..).flatMap(..).timeout(..)} with
 * {@code then}, {@code switchIfEmpty} and two peeks held about a kilobyte per waiting
 * login in operator objects. Here one subscriber walks the three steps in turn, and
 * holds only the current step's subscription, the pending login and the timer.
 */
final class MonoLogin extends Mono<SlotInfo> {

	private final DefaultAltsCodexClient client;

	private final Mono<PendingLogin<SlotInfo>> registration;

	private final OneTimeJwt credential;

	private final Duration timeout;

	MonoLogin(DefaultAltsCodexClient client, Mono<PendingLogin<SlotInfo>> registration, OneTimeJwt credential,
			Duration timeout) {
		this.client = client;
		this.registration = registration;
		this.credential = credential;
		this.timeout = timeout;
	}

	@Override
	public void subscribe(CoreSubscriber<? super SlotInfo> actual) {
		LoginSubscriber login = new LoginSubscriber(actual, this);
		actual.onSubscribe(login);
		login.start();
	}

	/**
	 * Subscribes to the registration, then to {@code authorize}, then to the result,
	 * each after the one before completed; a timeout or a cancellation can end the
	 * login at any step, from any thread.
	 */
	static final class LoginSubscriber extends Operators.MonoSubscriber<Object, SlotInfo> implements Runnable {

		private static final int REGISTERING = 0;

		private static final int AUTHORIZING = 1;

		private static final int WAITING = 2;

		private static final AtomicIntegerFieldUpdater<LoginSubscriber> ENDED = AtomicIntegerFieldUpdater
			.newUpdater(LoginSubscriber.class, "ended");

		private static final AtomicReferenceFieldUpdater<LoginSubscriber, Subscription> STEP = AtomicReferenceFieldUpdater
			.newUpdater(LoginSubscriber.class, Subscription.class, "step");

		private final MonoLogin login;

		private volatile int phase = REGISTERING;

		private volatile int ended;

		private volatile @Nullable Subscription step;

		private volatile @Nullable PendingLogin<SlotInfo> pending;

		private volatile @Nullable Disposable timer;

		LoginSubscriber(CoreSubscriber<? super SlotInfo> actual, MonoLogin login) {
			super(actual);
			this.login = login;
		}

		void start() {
			if (this.ended != 0) {
				return;
			}
			Disposable scheduled = Schedulers.parallel().schedule(this, this.login.timeout.toMillis(), TimeUnit.MILLISECONDS);
			this.timer = scheduled;
			if (this.ended != 0) {
				scheduled.dispose();
				return;
			}
			this.login.registration.subscribe(this);
		}

		@Override
		public Context currentContext() {
			// the calls to DeOAuth run in the caller's context: its observation is their parent
			return actual().currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.replace(STEP, this, subscription)) {
				subscription.request(Long.MAX_VALUE);
			}
			else {
				// the login ended while this step was being started
				subscription.cancel();
			}
		}

		@Override
		@SuppressWarnings("unchecked")
		public void onNext(Object value) {
			if (this.phase == REGISTERING) {
				PendingLogin<SlotInfo> registered = (PendingLogin<SlotInfo>) value;
				this.pending = registered;
				// ended while the registration was under way: nobody will release it later
				if (this.ended != 0) {
					registered.release();
				}
			}
			else if (this.phase == WAITING) {
				succeed((SlotInfo) value);
			}
			else {
				Operators.onDiscard(value, currentContext());
			}
		}

		@Override
		public void onError(Throwable error) {
			if (!fail(error)) {
				Operators.onErrorDropped(error, currentContext());
			}
		}

		@Override
		public void onComplete() {
			if (this.ended != 0) {
				return;
			}
			switch (this.phase) {
				case REGISTERING -> authorize();
				case AUTHORIZING -> awaitResult();
				default -> fail(new AltsCodexException("Login ended without an outcome"));
			}
		}

		private void authorize() {
			PendingLogin<SlotInfo> registered = this.pending;
			if (registered == null) {
				fail(new AltsCodexException("Login could not be registered"));
				return;
			}
			// a stop() that ran while the entry was being registered did not see it
			if (!this.login.client.isRunning()) {
				fail(this.login.client.shutdown());
				return;
			}
			this.phase = AUTHORIZING;
			Mono<Void> authorize;
			try {
				authorize = this.login.client.authorize(registered.state(), this.login.credential.bearer());
			}
			catch (RuntimeException ex) {
				fail(ex);
				return;
			}
			authorize.subscribe(this);
		}

		private void awaitResult() {
			PendingLogin<SlotInfo> registered = this.pending;
			this.phase = WAITING;
			if (registered != null) {
				registered.result().subscribe(this);
			}
		}

		/** The login's timeout. */
		@Override
		public void run() {
			if (end()) {
				Operators.terminate(STEP, this);
				release();
				actual().onError(new CallbackTimeoutException(this.login.timeout));
			}
		}

		@Override
		public void cancel() {
			if (end()) {
				Operators.terminate(STEP, this);
				stopTimer();
				release();
			}
			super.cancel();
		}

		private void succeed(SlotInfo slot) {
			if (end()) {
				stopTimer();
				release();
				complete(slot);
			}
			else {
				Operators.onDiscard(slot, currentContext());
			}
		}

		private boolean fail(Throwable error) {
			if (!end()) {
				return false;
			}
			Operators.terminate(STEP, this);
			stopTimer();
			release();
			actual().onError(error);
			return true;
		}

		private boolean end() {
			return ENDED.compareAndSet(this, 0, 1);
		}

		private void stopTimer() {
			Disposable scheduled = this.timer;
			if (scheduled != null) {
				scheduled.dispose();
			}
		}

		private void release() {
			PendingLogin<SlotInfo> registered = this.pending;
			if (registered != null) {
				registered.release();
			}
		}

		@Override
		public @Nullable Object scanUnsafe(Attr key) {
			if (key == Attr.TERMINATED) {
				return this.ended != 0;
			}
			if (key == Attr.PARENT) {
				return this.step;
			}
			return super.scanUnsafe(key);
		}

		@Override
		public String toString() {
			return "MonoLogin.LoginSubscriber[phase=" + this.phase + ", ended=" + (this.ended != 0) + "]";
		}

	}

}
